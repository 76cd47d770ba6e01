# Network-namespace tests (issue 9): real sockets between MicroPython nodes (the unix port in
# ../shared/tools/micropython), Java nodes (the motormesh jar) and python-zeroconf, each in a
# namespace of its own behind a Linux bridge that lives in a namespace too, so nothing leaves
# the test network. Needs root and iproute2; skipped unless MOTORMESH_NETNS=1.
#
#   cd esp32-client && sudo python3 -m tests.netns
#   cd esp32-client && sudo MOTORMESH_NETNS=1 python3 -m unittest discover -s tests/netns -t . -v
#
# MOTORMESH_REQUIRE_NETNS=1: a missing prerequisite (root, ip, MicroPython, jar, zeroconf) fails
# instead of skipping (CI). MOTORMESH_JAR, MOTORMESH_MICROPYTHON: other binaries.
# MOTORMESH_NETNS_HEAL_WAIT_S=30: wait longer for a heal, to measure a slow one.
# The measured figures (meet, heal, late-joiner times) are printed as they are taken and
# again in a summary at the end.

# The same package frozen into the unix port, with the host entries and the fakes of the
# board's modules, for tests/mpy/heap_bisect.py --frozen (README "Footprint"):
#   make -C ports/unix MICROPY_FORCE_32BIT=1 MICROPY_PY_FFI=0 MICROPY_PY_BTREE=0 \
#       MICROPY_SSL_MBEDTLS=0 MICROPY_PY_SSL=0 MICROPY_USE_READLINE=0 LDFLAGS_EXTRA=-static \
#       FROZEN_MANIFEST=/path/to/esp32-client/firmware/manifest_host.py
package("motormesh", base_path="..")
module("run_node.py", base_path="../host")
module("board_sim.py", base_path="../host")
module("machine.py", base_path="../tests/fakes")
module("network.py", base_path="../tests/fakes")
module("ssd1306.py", base_path="../tests/fakes")

# python3 -m tests.netns (from esp32-client, as root): the network-namespace suite, with
# its measured figures at the end. Same as
#   MOTORMESH_NETNS=1 python3 -m unittest discover -s tests/netns -t . -v
import os
import sys
import unittest

os.environ.setdefault("MOTORMESH_NETNS", "1")
here = os.path.dirname(os.path.abspath(__file__))
top = os.path.dirname(os.path.dirname(here))
suite = unittest.defaultTestLoader.discover(here, top_level_dir=top)
result = unittest.TextTestRunner(verbosity=2).run(suite)
sys.exit(0 if result.wasSuccessful() else 1)

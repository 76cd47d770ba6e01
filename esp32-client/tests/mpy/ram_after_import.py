# ram_after_import: the heap that importing the client takes, under the MicroPython unix
# port (the README's Footprint figures): what host/run_node.py imports (node, loop, app,
# config; mDNS off) or what a board imports (supervisor, device). Run from esp32-client
# for the sources, or from esp32-client/mpy for the shipped .mpy files:
#
#   cd mpy && micropython-32 ../tests/mpy/ram_after_import.py node|board
import gc
import sys

sys.path.insert(0, ".")
which = sys.argv[1] if len(sys.argv) > 1 else "node"
gc.collect()
before = gc.mem_alloc()
if which == "node":
    import motormesh.wire, motormesh.node, motormesh.loop, motormesh.apps, motormesh.config, motormesh.smartmotor  # noqa: E401,F401
else:
    import motormesh.supervisor, motormesh.device  # noqa: E401,F401
gc.collect()
mods = [m for m in sys.modules if m.startswith("motormesh.")]
print("%s: %d bytes after import, %d modules" % (which, gc.mem_alloc() - before, len(mods)))

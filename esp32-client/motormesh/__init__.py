# motormesh: the Smart Motor's mesh client. The two long-lived buffers that want one
# block each are made here, at the package's first import, while the heap is still in one
# piece: later, 1.2 KB free in one block may not exist (imports leave it in small pieces).
_frame = [bytearray(1200)]  # the node's frame buffer (codec.Writer takes it)
_room = [bytearray(1280)]  # held by the loop as room for a receive (loop._keep_room)

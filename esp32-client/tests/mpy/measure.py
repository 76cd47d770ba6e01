# measure: footprint of the client under MicroPython (run by measure.mjs).
import gc
import os
import sys

print("implementation:", sys.implementation)
gc.collect()
before = gc.mem_alloc()
from motormesh import wire, mdns, dnssd, node, apps, config, smartmotor  # noqa: E402

gc.collect()
print("RAM after import (wire, mdns, dnssd, node, apps, config, smartmotor): %d bytes" % (gc.mem_alloc() - before))

gc.collect()
before = gc.mem_alloc()
n = node.Node("motor-1", "motor", 1, lambda d, a: None, "classroom-key")
gc.collect()
print("RAM of one Node (with its 1200-byte frame buffer): %d bytes" % (gc.mem_alloc() - before))

w = wire.Writer()
key = wire.Key("classroom-key")
_ROUNDS = 200


def encode(k, sent_us):
    w.begin("5eed00c0ffee", 3, 7, sent_us)
    w.publish("/SM/motor-1/angle", wire.INTEGER, 90, 0, 7)
    return w.finish(k)


def per_message(fn, *args):
    fn(*args)
    gc.collect()
    gc.disable()
    a = gc.mem_alloc()
    for _ in range(_ROUNDS):
        fn(*args)
    b = gc.mem_alloc()
    gc.enable()
    return (b - a) / _ROUNDS


for label, k in (("unsigned", None), ("signed", key)):
    for clock, us in (("small clock", 123456), ("Unix-epoch clock", 1700000000000007)):
        data = bytes(w.mv[: encode(k, us)])
        enc = per_message(encode, k, us)
        dec = per_message(wire.decode, data, k)
        print(
            "publish %s, %s (%d bytes): encode %d B, decode %d B per message"
            % (label, clock, len(data), enc, dec)
        )

size = 0
count = 0
for f in os.listdir("motormesh"):
    if f.endswith(".py"):
        size += os.stat("motormesh/" + f)[6]
        count += 1
print("package size: %d bytes of source in %d modules (motormesh/*.py)" % (size, count))

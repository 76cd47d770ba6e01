# measure: footprint of the client under MicroPython (run by measure.mjs).
import gc
import os
import sys

print("implementation:", sys.implementation)
gc.collect()
before = gc.mem_alloc()
from motormesh import wire, dnscodec, dnssd, node, loop, apps, config, smartmotor  # noqa: E402

gc.collect()
print("RAM after import (wire, dnscodec, dnssd, node, loop, apps, config, smartmotor): %d bytes" % (gc.mem_alloc() - before))

gc.collect()
before = gc.mem_alloc()
n = node.Node("motor-1", "motor", 1, lambda d, a: None, key="classroom-key")
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

# The board's own code per message (apps, board): a receiver taking an angle to its servo,
# a controller reading its knob; the node is a stub, so the wire's share is not in these.
import time  # noqa: E402

from motormesh.apps import App  # noqa: E402
from motormesh.display import Display  # noqa: E402
from motormesh.smartmotor import SmartMotor  # noqa: E402
from tests.fakes import machine  # noqa: E402

machine.LIMIT = 8


class _StubNode:
    name = "motor-1"
    subscriptions = []

    def __init__(self):
        self.listener = None

    def publish(self, topic, vkind, value, now, qos=0):
        return 1

    def subscribe(self, prefixes, now):
        pass

    def live_peers(self):
        return ()


class _Peer:
    name = "motor-2"


rx = App(_StubNode(), SmartMotor(machine, Display(None, None, None)), "receiver", "motor-2")


class _Pwm:
    def duty_ns(self, ns):
        pass


rx.motor.servo.pwm = _Pwm()  # the fake machine records every call: not the board's cost
msgs = [wire.Publish("/SM/motor-2/angle", wire.INTEGER, a) for a in range(180)]
peer = _Peer()
i = [0]


def receive():
    i[0] = (i[0] + 1) % 180
    rx.on_message(peer, msgs[i[0]])


ctl = App(_StubNode(), SmartMotor(machine, Display(None, None, None)), "controller")
t = [1000]


def control():
    t[0] += 25
    machine.adc[3] = (t[0] * 37) % 65536
    ctl.step(t[0])


for label, fn in (("receiver: one angle to the servo (App.on_message)", receive), ("controller: one knob read and publish (App.step)", control)):
    b = per_message(fn)
    t0 = time.ticks_us() if hasattr(time, "ticks_us") else 0
    for _ in range(_ROUNDS):
        fn()
    us = (time.ticks_diff(time.ticks_us(), t0) / _ROUNDS) if hasattr(time, "ticks_us") else -1
    print("%s: %d B allocated, %.1f us per message" % (label, b, us))

# bench_idle: the node's idle CPU at 30 peers, and the cost of decoding one heartbeat
# and one publish, under CPython or the MicroPython unix port (issue 9/10 figures).
#
#   micropython host/bench_idle.py [peers=29] [seconds=10] [key=classroom-key]
#
# 30 nodes on an in-memory network with a hand-driven clock (10 ms steps); node 0 is
# measured: the time it spends in on_datagram() and tick() per simulated idle second.
# Under CPython it also counts Python-level calls (sys.setprofile).
import sys

sys.path.insert(0, __file__.rpartition("/")[0] + "/.." if "/" in __file__ else "..")

import time

from motormesh import wire
from motormesh import node as _node
from motormesh.node import Node

V2 = hasattr(_node, "SCOUT_GROUP")  # the same script measures v1 (before) and v2 (after)

try:
    _us = time.ticks_us
    _diff = time.ticks_diff
except AttributeError:

    def _us():
        return int(time.perf_counter() * 1000000)

    def _diff(a, b):
        return a - b


class Meter:
    def __init__(self):
        self.us = 0
        self.calls = 0
        self.frames = 0

    def run(self, fn, *args):
        t = _us()
        r = fn(*args)
        self.us += _diff(_us(), t)
        return r


def _profile_calls(fn, *args):
    # Python-level calls made by fn(*args) (CPython only; None elsewhere)
    if not hasattr(sys, "setprofile"):
        return None
    n = [0]

    def prof(frame, event, arg):
        if event == "call":
            n[0] += 1

    sys.setprofile(prof)
    try:
        fn(*args)
    finally:
        sys.setprofile(None)
    return n[0] - 1


def build_mesh(peers, key):
    # node i at 127.0.0.1:40000+i; every node knows node 0 as a seed
    nodes = {}
    queue = []

    def sender(src):
        return lambda data, dst: queue.append((src, dst, bytes(data)))

    for i in range(peers + 1):
        addr = ("127.0.0.1", 40000 + i)
        n = make_node("bench-%d" % i, i + 1, sender(addr), key, addr[1])
        n.port = addr[1]
        nodes[addr] = n
    return nodes, queue


def make_node(name, epoch, send, key, port):
    if V2:
        return Node(name, "motor", epoch, send, port, key=key, subscriptions=("/none/",))
    return Node(name, "motor", epoch, send, key, None, ("/none/",))


def _targets(nodes, dst):
    # (node, on the scout socket) for one datagram's destination
    if V2 and dst[0] in (_node.SCOUT_GROUP, _node.BROADCAST):
        return [(n, True) for n in nodes.values()]
    n = nodes.get(dst)
    return [(n, False)] if n else []


def main(argv):
    opts = {"peers": "29", "seconds": "10", "key": "classroom-key"}
    for a in argv:
        k, _, v = a.partition("=")
        opts[k] = v
    peers = int(opts["peers"])
    key = opts["key"] or None
    nodes, queue = build_mesh(peers, key)
    a0 = ("127.0.0.1", 40000)
    n0 = nodes[a0]
    if not V2:
        for addr, n in nodes.items():
            if addr != a0:
                n.contact(a0, 0, True)
    meter = Meter()
    sample = {}

    def step(now, measure):
        for addr, n in nodes.items():
            if addr == a0 and measure:
                meter.run(n.tick, now)
            else:
                n.tick(now)
        for _ in range(4):
            q = queue[:]
            del queue[:]
            for src, dst, data in q:
                for n, scout in _targets(nodes, dst):
                    if n is n0:
                        k = wire.decode(data, n.key).kind
                        if k not in sample:
                            sample[k] = (data, src)
                        if measure:
                            meter.frames += 1
                            if scout:
                                meter.run(n.on_datagram, data, src, now, True)
                            else:
                                meter.run(n.on_datagram, data, src, now)
                            continue
                    if scout:
                        n.on_datagram(data, src, now, True)
                    else:
                        n.on_datagram(data, src, now)

    now = 0
    warm = 8000
    while now < warm:
        step(now, False)
        now += 10
    live = len(n0.live_peers())
    tx0 = n0.stats.get("tx", 0) + n0.stats.get("scout_tx", 0)
    end = now + int(float(opts["seconds"]) * 1000)
    start = now
    while now < end:
        step(now, True)
        now += 10
    secs = (end - start) / 1000
    print("peers live at node 0: %d of %d" % (len(n0.live_peers()), peers))
    print("joined within %d ms: %d" % (warm, live))
    print("idle: %d datagrams/s received by node 0, %d us/s in on_datagram+tick (%s, %s)" % (
        meter.frames / secs, meter.us / secs, sys.implementation.name, "signed" if key else "unsigned"))
    sent = n0.stats.get("tx", 0) + n0.stats.get("scout_tx", 0) - tx0
    print("idle: node 0 sent %.1f datagrams/s (%s)" % (sent / secs, "v2" if V2 else "v1"))
    # per-message costs
    k = n0.key
    w = wire.Writer()
    p1 = nodes[("127.0.0.1", 40001)]
    w.begin(p1.id, p1.epoch, 1000000, 1700000000000009)  # from a live peer, a fresh seq
    w.heartbeat(1700000000000042, 150)
    hb = (bytes(w.mv[: w.finish(k)]), ("127.0.0.1", 40001))
    w.begin("5eed00c0ffee", 3, 7, 1700000000000007)
    w.publish("/SM/motor-1/angle", wire.INTEGER, 90, 0, 7)
    pub = bytes(w.mv[: w.finish(k)])
    for label, data in (("heartbeat", hb and hb[0]), ("publish", pub)):
        if data is None:
            print("%s: none seen" % label)
            continue
        rounds = 500
        t = _us()
        for _ in range(rounds):
            wire.decode(data, k)
        us = _diff(_us(), t) / rounds
        calls = _profile_calls(wire.decode, data, k)
        print("decode one %s (%d bytes): %.1f us%s" % (label, len(data), us,
              "" if calls is None else ", %d Python calls" % calls))
    if hb:
        calls = _profile_calls(n0.on_datagram, hb[0], hb[1], now)
        if calls is not None:
            print("on_datagram of one heartbeat from a live peer: %d Python calls" % calls)


if __name__ == "__main__":
    main(sys.argv[1:])

# Issue 11.6, the before figures: runs against the client as it was before the fixes
# (1c6c6f9^), over real sockets, and prints what each hostile field did to it. The
# fixed client's tests are tests/test_hostile_fields.py.
#
#   git archive 1c6c6f9^ esp32-client | tar -x -C /tmp/old && cd /tmp/old/esp32-client
#   python3 OUR/esp32-client/tests/mpy/before_11_6.py      (or micropython, micropython-32)
import socket, sys
sys.path.insert(0, ".")
from motormesh import wire, mdns
from motormesh.compat import Clock
from motormesh.config import Config
from motormesh.loop import Loop
from motormesh.node import Node

def udp(port=0):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(socket.getaddrinfo("127.0.0.1", port, 0, socket.SOCK_DGRAM)[0][-1]); s.setblocking(False); return s

def make(mdns_mode="off"):
    cfg = Config(name="old-target", role="node", iface="127.0.0.1", port=0, mdns=mdns_mode)
    node = Node("old-target", "node", 1, None)
    loop = Loop(node, App(), cfg, Clock(), lambda l: None)
    loop.open(); return loop, node

SEQ = [0]
def hello(src, peers, port=None):
    SEQ[0] += 1
    h = wire.Hello("old-x", "motor", src if port is None else port, [], peers, False)
    return wire.encode(wire.Frame("0badcafe00aa", 1, SEQ[0], 0, wire.HELLO, h))

class App:
    def step(self, now):
        return now + 50

for label, peer_port in (("gossip port 2^64-1", (1 << 64) - 1), ("gossip port 70000", 70000)):
    loop, node = make()
    xp = 43000 + SEQ[0]; x = udp(xp)
    try:
        w = udp(4464)
    except OSError:
        w = None
    x.sendto(hello(xp, [("0badcafe0001", "p", "127.0.0.1", peer_port)]), socket.getaddrinfo("127.0.0.1", node.port, 0, socket.SOCK_DGRAM)[0][-1])
    try:
        for _ in range(30):
            loop.step()
        got = 0
        while w:
            try:
                w.recvfrom(1500); got += 1
            except OSError:
                break
        print("%s: no exception; datagrams that reached port 4464: %d" % (label, got))
    except Exception as e:
        print("%s: the loop raised %s: %s" % (label, type(e).__name__, e))
    x.close(); w and w.close()

m = mdns.Message(0, 0x8400)
inst = ("peer-1", "_motormesh", "_udp", "local")
m.answers = [mdns.Record(inst, mdns.SRV, 120, (0, 0, 47000, ("peer-1", "local"))),
             mdns.Record(inst, mdns.TXT, 4500, [b"v=1", b"id=\xff\xfe"])]
loop, node = make("query")
try:
    loop._on_mdns(mdns.build(m), ("127.0.0.1", 5353), 0)
    print("TXT not UTF-8: no exception")
except Exception as e:
    print("TXT not UTF-8: the loop raised %s: %s" % (type(e).__name__, e))

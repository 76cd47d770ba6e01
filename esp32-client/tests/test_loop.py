# Loop tests on real loopback sockets (CPython and the MicroPython unix port; the wasm
# port has no sockets): two nodes meet by a static peer, or with UDP 5353 held (as the
# board's firmware holds it) by the scouting group alone; a knob turn moves the other
# servo; Bye on close; a new interface address re-binds the sockets.
import socket
import unittest

from motormesh.apps import App
from motormesh.compat import Clock, randint
from motormesh.config import Config
from motormesh.loop import Loop
from motormesh.node import Node
from motormesh.smartmotor import FakeMotor


def make(name, role, peers=(), follow="", scout_port=0, mdns="off", iface="127.0.0.1"):
    cfg = Config(name=name, role=role, iface=iface, port=0, mdns=mdns, peers=list(peers), follow=follow)
    clock = Clock()
    loop = Loop(cfg, clock, lambda line: None, scout_port)
    port = loop.open()
    node = Node(name, cfg.mesh_role(), 1, loop.send, port, key="loop-test-key", scout_port=loop.scout_port,
                dnssd=loop.dnssd, now=clock.now())
    motor = FakeMotor()
    app = App(node, motor, role, follow)
    loop.start(node, app)
    return loop, motor


def hold_5353():
    # what the stock firmware does (None when another process holds it already)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.bind(socket.getaddrinfo("0.0.0.0", 5353, 0, socket.SOCK_DGRAM)[0][-1])
        return s
    except OSError:
        s.close()
        return None


def steps(loops, done, n=200):
    for _ in range(n):
        for lp in loops:
            lp.step()
        if done():
            return True
    return False


def private_scout_port():
    # not 47001: other tests on this host may be scouting there
    return randint(47100, 47900)


class LoopTest(unittest.TestCase):
    def test_should_move_a_servo_over_loopback_sockets(self):
        ctl, knob = make("loop-ctl", "controller")
        rx, servo = make("loop-rx", "receiver", ["127.0.0.1:%d" % ctl.port], "loop-ctl")
        try:
            steps((ctl, rx), lambda: ctl.node.live_peers() and rx.node.live_peers())
            self.assertEqual([p.name for p in ctl.node.live_peers()], ["loop-rx"])
            knob.knob_angle = 135
            steps((ctl, rx), lambda: servo.angle == 135)
            self.assertEqual(servo.angle, 135)
        finally:
            ctl.close()
            steps((rx,), lambda: not rx.node.live_peers(), 20)
            rx.close()
        self.assertEqual(rx.node.stats.get("lost"), 1)

    def test_should_meet_by_scouting_with_5353_held_and_move_the_servo(self):
        held = hold_5353()
        sp = private_scout_port()
        ctl, knob = make("scout-ctl", "controller", scout_port=sp, mdns="auto")
        rx, servo = make("scout-rx", "receiver", follow="scout-ctl", scout_port=sp, mdns="auto")
        try:
            if not ctl.scout_port or not rx.scout_port:
                self.skipTest("no multicast on loopback (ip link set lo multicast on)")
            if held is not None:  # else another program holds 5353, maybe shared (SO_REUSEADDR)
                self.assertEqual((ctl.mode, ctl.dnssd, rx.mode), ("query", False, "query"))
            knob.knob_angle = 40
            steps((ctl, rx), lambda: ctl.node.live_peers() and rx.node.live_peers())
            self.assertEqual([p.name for p in rx.node.live_peers()], ["scout-ctl"])
            self.assertTrue(rx.node.peers[ctl.node.id].heard_scout)
            steps((ctl, rx), lambda: servo.angle == 40)
            self.assertEqual(servo.angle, 40, "the late joiner got the current value")
            knob.knob_angle = 150
            steps((ctl, rx), lambda: servo.angle == 150)
            self.assertEqual(servo.angle, 150)
        finally:
            ctl.close()
            rx.close()
            if held:
                held.close()

    def test_should_count_and_survive_hostile_datagrams_on_every_socket(self):
        sp = private_scout_port()
        a, _ = make("hostile-a", "node", scout_port=sp, mdns="query")
        out = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            x = 5
            dests = [("127.0.0.1", a.port), ("127.0.0.1", sp)]
            for i in range(300):
                x = (x * 1103515245 + 12345) & 0x7FFFFFFF
                data = bytes((x >> (j % 17)) & 0xFF for j in range(x % 64))
                if i % 3 == 0:
                    data = b"MM\x01\x00" + data
                out.sendto(data, socket.getaddrinfo(*dests[i % 2], 0, socket.SOCK_DGRAM)[0][-1])
                if i % 20 == 0:
                    a.step()
            for _ in range(10):
                a.step()
            st = a.node.stats
            self.assertEqual(st.get("ERROR", 0), 0)
            self.assertTrue(st["rx"] >= 100, st)
        finally:
            out.close()
            a.close()

    def test_should_rebind_on_a_new_address_and_be_found_there(self):
        sp = private_scout_port()
        a, _ = make("addr-a", "node", scout_port=sp)
        b, _ = make("addr-b", "node", scout_port=sp)
        try:
            if not a.scout_port or not b.scout_port:
                self.skipTest("no multicast on loopback (ip link set lo multicast on)")
            steps((a, b), lambda: a.node.live_peers() and b.node.live_peers())
            self.assertEqual(a.node.peers[b.node.id].addr, ("127.0.0.1", b.port))
            self.assertTrue(b.on_address("127.0.0.2"))
            self.assertFalse(b.on_address("127.0.0.2"), "no change, nothing to do")
            steps((a, b), lambda: a.node.peers[b.node.id].addr[0] == "127.0.0.2", 40)
            self.assertEqual(a.node.peers[b.node.id].addr, ("127.0.0.2", b.port))
            self.assertEqual(a.node.stats.get("lost", 0), 0)
        finally:
            a.close()
            b.close()


if __name__ == "__main__":
    unittest.main()

# Loop test on real loopback sockets (CPython only: the wasm port has no sockets):
# two nodes meet by a static peer, a knob turn moves the other servo, Bye on close.
import unittest

from motormesh.apps import App
from motormesh.compat import Clock
from motormesh.config import Config
from motormesh.loop import Loop
from motormesh.node import Node
from motormesh.smartmotor import FakeMotor


def make(name, role, peers=(), follow="", scout_port=0):
    cfg = Config(name=name, role=role, iface="127.0.0.1", port=0, mdns="off", peers=list(peers), follow=follow)
    clock = Clock()
    loop = Loop(cfg, clock, lambda line: None, scout_port)
    port = loop.open()
    node = Node(name, cfg.mesh_role(), 1, loop.send, port, key="loop-test-key", scout_port=loop.scout_port, now=clock.now())
    motor = FakeMotor()
    app = App(node, motor, role, follow)
    loop.start(node, app)
    return loop, motor


class LoopTest(unittest.TestCase):
    def test_should_move_a_servo_over_loopback_sockets(self):
        ctl, knob = make("loop-ctl", "controller")
        rx, servo = make("loop-rx", "receiver", ["127.0.0.1:%d" % ctl.port], "loop-ctl")
        try:
            for _ in range(200):
                ctl.step()
                rx.step()
                if ctl.node.live_peers() and rx.node.live_peers():
                    break
            self.assertEqual([p.name for p in ctl.node.live_peers()], ["loop-rx"])
            knob.knob_angle = 135
            for _ in range(200):
                ctl.step()
                rx.step()
                if servo.angle == 135:
                    break
            self.assertEqual(servo.angle, 135)
        finally:
            ctl.close()
            for _ in range(20):
                rx.step()
                if not rx.node.live_peers():
                    break
            rx.close()
        self.assertEqual(rx.node.stats.get("lost"), 1)


if __name__ == "__main__":
    unittest.main()

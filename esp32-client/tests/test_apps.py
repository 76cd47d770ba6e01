# App tests: controller rate limit, receiver following, display status; no sockets.
import unittest

from motormesh import wire
from motormesh.apps import App
from motormesh.config import Config, parse_peer
from motormesh.smartmotor import FakeMotor
from tests.test_node import Net


class AppTest(unittest.TestCase):
    def setUp(self):
        self.net = Net()
        self.ctl_node, _ = self.net.add("motor-1", 47001)
        self.rx_node, _ = self.net.add("motor-2", 47002)
        self.knob = FakeMotor()
        self.servo = FakeMotor()
        self.lines = []
        self.ctl = App(self.ctl_node, self.knob, "controller")
        self.rx = App(self.rx_node, self.servo, "receiver", follow="motor-1", echo=self.lines.append)
        self.ctl_node.contact(("127.0.0.1", 47002), 0)
        self.net.run(0, 20)

    def test_should_follow_the_controller_knob(self):
        self.knob.knob_angle = 120
        self.ctl.step(30)
        self.net.deliver(30)
        self.assertEqual(self.servo.angle, 120)
        self.assertIn("servo 120", self.lines)
        self.assertEqual(self.rx_node.subscriptions, ["/SM/motor-1/angle"])

    def test_should_publish_at_most_50_per_second(self):
        sent = 0
        for now in range(100, 1100):
            self.knob.knob_angle = now % 180
            before = self.ctl_node.stats.get("tx", 0)
            self.ctl.step(now)
            sent += self.ctl_node.stats.get("tx", 0) > before and self.ctl._sent_at == now
        self.assertEqual(sent, 50)

    def test_should_not_publish_an_unchanged_angle(self):
        self.knob.knob_angle = 10
        self.ctl.step(100)
        n = self.ctl_node.stats["tx"]
        self.ctl.step(200)
        self.assertEqual(self.ctl_node.stats["tx"], n)

    def test_should_show_name_peers_last_value_and_link(self):
        self.knob.knob_angle = 33
        self.ctl.step(300)
        self.net.deliver(300)
        self.rx.step(300)
        self.assertEqual(self.servo.lines, ["motor-2", "receiver", "peers 1", "last 33", "mesh ok"])

    def test_should_ignore_other_controllers(self):
        self.rx_node.listener.on_message(self.ctl_node.peers[self.rx_node.id], wire.Publish("/SM/motor-9/angle", wire.INTEGER, 5))
        self.assertEqual(self.servo.angle, 0)


class ConfigTest(unittest.TestCase):
    def test_should_validate_once_with_the_bad_value_quoted(self):
        c = Config(name="motor-1", role="controller", peers=["127.0.0.1:47002"])
        self.assertEqual(c.peers, [("127.0.0.1", 47002)])
        self.assertEqual(c.mesh_role(), "motor")
        for bad in ({"name": ""}, {"name": "m", "role": "boss"}, {"name": "m", "colour": 1}, {"name": "m", "port": 70000}):
            try:
                Config(**bad)
                self.fail(bad)
            except ValueError as e:
                self.assertTrue(len(str(e)) > 5)
        self.assertRaises(ValueError, parse_peer, "nohost")


if __name__ == "__main__":
    unittest.main()

# App tests: controller rate limit, receiver following, hostile values dropped and
# counted, pairing and role by the buttons, the status screen; no sockets.
import os
import unittest

from motormesh import wire
from motormesh.apps import App, bad_angle
from motormesh.pairing import PAIR_TOPIC
from motormesh.board import HOLD, PAIR, PRESS, ROLE
from motormesh.config import Config, parse_peer
from motormesh.settings import Settings
from motormesh.smartmotor import FakeMotor
from tests.test_node import Net

_STATE = "test-apps.state"


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

    def publish(self, vkind, value, topic="/SM/motor-1/angle"):
        self.rx.on_message(self.rx_node.peers[self.ctl_node.id], wire.Publish(topic, vkind, value))

    def test_should_follow_the_controller_knob(self):
        self.knob.knob_angle = 120
        self.ctl.step(30)
        self.net.deliver(30)
        self.assertEqual(self.servo.angle, 120)
        self.assertIn("servo 120", self.lines)
        self.assertEqual(self.rx_node.subscriptions, ["/SM/motor-1/angle", PAIR_TOPIC, "/SM/motor-2/set"])

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

    def test_should_show_name_address_role_peers_partner_and_last_value(self):
        self.rx.ip = "10.0.0.7"
        self.knob.knob_angle = 33
        self.ctl.step(300)
        self.net.deliver(300)
        self.rx.step(300)
        self.assertEqual(self.servo.lines, ["motor-2", "10.0.0.7", "receiver", "peers 1 ok", "> motor-1", "last 33"])
        self.ctl.step(600)
        self.assertEqual(self.knob.lines[4:], ["to 1 receivers", "last 33"])

    def test_should_ignore_other_controllers(self):
        self.publish(wire.INTEGER, 5, "/SM/motor-9/angle")
        self.assertEqual(self.servo.angle, 0)

    def test_should_drop_and_count_values_that_are_not_angles(self):
        hostile = [
            (wire.TEXT, "ninety"),
            (wire.NUMBER, float("nan")),
            (wire.NUMBER, float("inf")),
            (wire.NUMBER, float("-inf")),
            (wire.BOOLEAN, True),
            (wire.INTEGER, True),
            (wire.INTEGER, 10**30),
            (wire.INTEGER, -1),
            (wire.NUMBER, 180.5),
            (wire.INTEGER, "90"),
            (wire.INTEGER, None),
        ]
        for vkind, v in hostile:
            self.publish(vkind, v)
        self.assertEqual(self.servo.angle, 0)
        self.assertEqual(self.rx.drops.total, len(hostile))
        self.assertEqual(self.rx.drops.why, {"kind": 2, "type": 3, "nan": 1, "range": 5})
        self.publish(wire.NUMBER, 45.7)
        self.assertEqual(self.servo.angle, 45)
        self.rx.step(1000)
        self.assertEqual(self.servo.lines[-1], "last 45 bad 11")

    def test_should_move_to_a_set_angle_and_hold_it_against_the_controller_for_3_s(self):
        self.rx.step(1000)
        self.publish(wire.INTEGER, 30, "/SM/motor-2/set")
        self.assertEqual(self.servo.angle, 30)
        self.publish(wire.INTEGER, 100)
        self.rx.step(3999)
        self.publish(wire.INTEGER, 101)
        self.assertEqual(self.servo.angle, 30)
        self.assertEqual(self.servo.lines[-1], "set 30")
        self.rx.step(4000)
        self.publish(wire.INTEGER, 102)
        self.assertEqual(self.servo.angle, 102)

    def test_should_drop_and_count_a_set_that_is_not_an_angle_and_not_hold(self):
        self.publish(wire.TEXT, "up", "/SM/motor-2/set")
        self.publish(wire.INTEGER, 181, "/SM/motor-2/set")
        self.assertEqual(self.rx.drops.why, {"kind": 1, "range": 1})
        self.publish(wire.INTEGER, 70)
        self.assertEqual(self.servo.angle, 70)

    def test_should_ignore_the_set_topic_of_another_motor_and_on_a_controller(self):
        self.publish(wire.INTEGER, 30, "/SM/motor-9/set")
        self.assertEqual(self.servo.angle, 0)
        self.ctl.on_message(self.ctl_node.peers[self.rx_node.id], wire.Publish("/SM/motor-1/set", wire.INTEGER, 30))
        self.assertEqual(self.knob.angle, 0)

    def test_should_accept_integer_and_number_angles_from_0_to_180(self):
        for v in (0, 180, 0.0, 179.9, 90):
            self.assertIsNone(bad_angle(wire.INTEGER if type(v) is int else wire.NUMBER, v), v)


class PairingTest(unittest.TestCase):
    # a controller held on PAIR announces itself; a receiver's PAIR press follows it
    def setUp(self):
        for f in (_STATE, _STATE + ".tmp"):
            if f in os.listdir("."):
                os.remove(f)
        self.net = Net()
        self.a_node, _ = self.net.add("motor-a", 47011)
        self.b_node, _ = self.net.add("motor-b", 47012)
        self.rx_node, _ = self.net.add("motor-r", 47013)
        self.a_knob, self.b_knob, self.servo = FakeMotor(), FakeMotor(), FakeMotor()
        self.settings = Settings(_STATE)
        self.a = App(self.a_node, self.a_knob, "controller")
        self.b = App(self.b_node, self.b_knob, "controller")
        self.rx = App(self.rx_node, self.servo, "receiver", None, None, self.settings)
        for n in (self.a_node, self.b_node):
            n.contact(("127.0.0.1", 47013), 0)
        self.net.run(0, 20)

    def tearDown(self):
        for f in (_STATE, _STATE + ".tmp"):
            if f in os.listdir("."):
                os.remove(f)

    def run_all(self, start, end, step=20):
        for now in range(start, end, step):
            for app in (self.a, self.b, self.rx):
                app.step(now)
            self.net.deliver(now)

    def turn(self, a, b, now):
        self.a_knob.knob_angle = a
        self.b_knob.knob_angle = b
        self.run_all(now, now + 100)

    def test_should_move_to_a_set_angle_while_not_paired(self):
        self.rx.on_message(self.rx_node.peers[self.a_node.id], wire.Publish("/SM/motor-r/set", wire.NUMBER, 12.5))
        self.assertEqual(self.servo.angle, 12)

    def test_should_follow_nobody_until_paired(self):
        self.assertEqual(self.rx_node.subscriptions, [PAIR_TOPIC, "/SM/motor-r/set"])
        self.turn(30, 150, 100)
        self.assertEqual(self.servo.angle, 0)
        self.rx.step(400)
        self.assertEqual(self.servo.lines[4], "not paired")

    def test_should_pair_with_the_controller_that_holds_pair(self):
        self.b.on_button(PAIR, HOLD, 100)
        self.run_all(100, 600)
        self.assertEqual(self.b_knob.lines[4], "PAIRING 10s")
        self.assertEqual(self.servo.lines[4:], ["pair motor-b?", "press PAIR now"])
        self.rx.on_button(PAIR, PRESS, 600)
        self.net.deliver(600)
        self.assertEqual(self.rx.follow, "motor-b")
        self.assertEqual(Settings(_STATE).load().follow, "motor-b")
        self.assertEqual(Settings(_STATE).load().role, "receiver")
        self.turn(30, 150, 700)
        self.assertEqual(self.servo.angle, 150)
        self.turn(40, 150, 800)
        self.assertEqual(self.servo.angle, 150)

    def test_should_not_pair_once_the_announcement_is_over(self):
        self.a.on_button(PAIR, HOLD, 100)
        self.run_all(100, 11000, 100)
        self.rx.on_button(PAIR, PRESS, 11000)
        self.assertIsNone(self.rx.follow)
        self.assertFalse(_STATE in os.listdir("."))

    def test_should_not_pair_on_a_short_press_of_the_controller(self):
        self.a.on_button(PAIR, PRESS, 100)
        self.run_all(100, 600)
        self.rx.on_button(PAIR, PRESS, 600)
        self.assertIsNone(self.rx.follow)

    def test_should_unpair_on_a_hold_of_pair_on_the_receiver(self):
        self.a.on_button(PAIR, HOLD, 100)
        self.run_all(100, 600)
        self.rx.on_button(PAIR, PRESS, 600)
        self.rx.on_button(PAIR, HOLD, 700)
        self.assertIsNone(self.rx.follow)
        self.assertIsNone(Settings(_STATE).load().follow)

    def test_should_switch_role_on_a_hold_of_role_and_keep_it(self):
        self.rx.on_button(ROLE, HOLD, 100)
        self.assertEqual(self.rx.role, "controller")
        self.assertEqual(self.rx_node.subscriptions, [])
        self.assertEqual(Settings(_STATE).load().role, "controller")
        self.rx.on_button(ROLE, HOLD, 200)
        self.assertEqual(self.rx.role, "receiver")
        self.assertEqual(self.servo.angle, 90)
        self.assertEqual(Settings(_STATE).load().role, "receiver")

    def test_should_drop_a_pairing_offer_that_is_not_a_time(self):
        peer = self.rx_node.peers[self.a_node.id]
        for vkind, v in ((wire.TEXT, "motor-x"), (wire.INTEGER, 10**9), (wire.NUMBER, 5.0), (wire.INTEGER, 0)):
            self.rx.on_message(peer, wire.Publish(PAIR_TOPIC, vkind, v))
        self.rx.on_button(PAIR, PRESS, 100)
        self.assertIsNone(self.rx.follow)
        self.assertEqual(self.rx.drops.why, {"pair": 4})


class SettingsTest(unittest.TestCase):
    def tearDown(self):
        if _STATE in os.listdir("."):
            os.remove(_STATE)

    def test_should_read_a_damaged_file_as_nothing_chosen(self):
        for text in ("{", "[1]", '{"role": "boss", "follow": 3}', ""):
            with open(_STATE, "w") as f:
                f.write(text)
            s = Settings(_STATE).load()
            self.assertEqual((s.role, s.follow), (None, None), text)

    def test_should_survive_a_reload(self):
        Settings(_STATE).save("receiver", "motor-1")
        s = Settings(_STATE).load()
        self.assertEqual((s.role, s.follow), ("receiver", "motor-1"))


class ConfigTest(unittest.TestCase):
    def test_should_validate_once_with_the_bad_value_quoted(self):
        c = Config(name="motor-1", role="controller", peers=["127.0.0.1:47002"])
        self.assertEqual(c.peers, [("127.0.0.1", 47002)])
        self.assertEqual(c.mesh_role(), "motor")
        for bad in ({"name": "a.b"}, {"name": 7}, {"name": "m", "role": "boss"}, {"name": "m", "colour": 1}, {"name": "m", "port": 70000}):
            try:
                Config(**bad)
                self.fail(bad)
            except ValueError as e:
                self.assertTrue(len(str(e)) > 5)
        self.assertRaises(ValueError, parse_peer, "nohost")

    def test_should_need_only_the_wifi_settings(self):
        c = Config(ssid="classroom", password="pw")
        self.assertEqual((c.name, c.role, c.follow, c.mdns), ("", "receiver", "", "auto"))


if __name__ == "__main__":
    unittest.main()

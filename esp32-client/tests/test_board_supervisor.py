# Supervisor tests over the fakes of machine, network and ssd1306, with a hand-driven
# clock: a missing or broken config, slow Wi-Fi, a failing OLED, errors in the run, the
# watchdog; and one whole run on loopback sockets.
import json
import os
import unittest

from motormesh.supervisor import Supervisor
from motormesh.wifi import AddressChanged, Wifi
from tests.fakes import machine, network, ssd1306

_CFG = "test-sup.json"


class FakeTime:
    # now() and sleep_ms() on one hand-driven clock; at(ms, fn) runs fn once that late
    def __init__(self):
        self.ms = 0
        self.plan = []

    def now(self):
        return self.ms

    def sleep_ms(self, ms):
        self.ms += ms
        for p in list(self.plan):
            if self.ms >= p[0]:
                self.plan.remove(p)
                p[1]()

    def at(self, ms, fn):
        self.plan.append((ms, fn))


class Stop(BaseException):
    pass


def write(text):
    with open(_CFG, "w") as f:
        f.write(text)


def remove(name):
    if name in os.listdir("."):
        os.remove(name)


class SupervisorTest(unittest.TestCase):
    def setUp(self):
        machine.clear()
        network.clear()
        ssd1306.clear()
        remove(_CFG)
        self.t = FakeTime()
        self.printed = []

    def tearDown(self):
        remove(_CFG)
        ssd1306.clear()

    def sup(self, net=network):
        return Supervisor(machine, net, ssd1306, _CFG, self.t.sleep_ms, self.t, self.printed.append)

    def texts(self):
        return [" ".join(s) for s in ssd1306.screens]

    def test_should_wait_for_a_missing_config_and_read_it_when_it_comes(self):
        s = self.sup()
        self.t.at(10000, lambda: write('{"ssid": "classroom", "password": "pw"}'))
        cfg = s.config()
        self.assertEqual(cfg.ssid, "classroom")
        self.assertEqual(self.texts()[0], "Config missing copy test-sup.json to the board")
        self.assertTrue(self.t.ms >= 10000)

    def test_should_say_what_is_wrong_with_a_broken_config_and_wait_for_a_fixed_one(self):
        s = self.sup()
        write('{"ssid": classroom, "password": "pw"}')
        self.t.at(4000, lambda: write('{"ssid": "classroom", "role": "boss"}'))
        self.t.at(8000, lambda: write('{"ssid": "classroom", "role": "controller"}'))
        cfg = s.config()
        self.assertEqual(cfg.role, "controller")
        self.assertEqual(self.texts()[0], "Config broken not valid JSON (check the quotes and commas)")
        self.assertIn("role must be one of", self.texts()[1])
        self.assertIn("'boss'", self.texts()[1])

    def test_should_want_an_ssid(self):
        s = self.sup()
        write('{"password": "pw"}')
        self.assertRaises(Exception, s.config, 2)
        self.assertEqual(self.texts()[0], "Config broken no ssid: put your Wi-Fi name in ssid")

    def test_should_keep_trying_a_wifi_slower_than_20_s(self):
        network.STATE["polls"] = 140  # about 35 s of 250 ms polls
        s = self.sup()
        write('{"ssid": "classroom", "password": "pw"}')
        w, ip = s.wifi(s.config(), "motor-1")
        self.assertEqual(ip, "127.0.0.1")
        self.assertTrue(self.t.ms >= 30000)
        self.assertIn("No Wi-Fi yet classroom connecting trying 25 s", self.texts())
        connects = [c for c in network.calls if c[0] == "connect"]
        self.assertTrue(len(connects) >= 2, connects)
        self.assertIn(("config", {"pm": 0}), network.calls)
        self.assertIn(("hostname", "motor-1"), network.calls)

    def test_should_say_wrong_password(self):
        network.STATE["polls"] = 10**6
        network.STATE["status"] = network.STAT_WRONG_PASSWORD
        s = self.sup()
        write('{"ssid": "classroom", "password": "bad"}')
        self.assertRaises(OSError, s.wifi, s.config(), "m", 40)
        self.assertEqual(self.texts()[-1], "No Wi-Fi yet classroom wrong password trying 9 s")

    def test_should_start_the_watchdog_from_the_config_and_feed_it_while_it_waits(self):
        s = self.sup()
        write('{"ssid": "classroom", "password": "pw"}')
        s.board(s.config())
        s.board(s.config())
        self.assertEqual([c for c in machine.calls if c[0] == "WDT"], [("WDT", 30000)])
        s.pause(20000)
        self.assertTrue(machine.wdt_feeds[0] >= 40)

    def test_should_leave_the_watchdog_off_when_the_config_says_0(self):
        s = self.sup()
        write('{"ssid": "classroom", "password": "pw", "watchdog": 0}')
        s.board(s.config())
        s.pause(2000)
        self.assertEqual([c for c in machine.calls if c[0] == "WDT"], [])

    def test_should_show_an_error_and_start_again(self):
        class Broken:
            STA_IF = 0

            def hostname(self, n):
                pass

            def WLAN(self, i):
                raise OSError("no radio")

        s = self.sup(Broken())
        write('{"ssid": "classroom", "password": "pw"}')
        s.forever(tries=3)
        self.assertEqual(s.errors, 3)
        self.assertIn("Network error no radio - again in 5 s", self.texts())
        self.assertTrue(self.t.ms >= 15000)

    def test_should_run_print_only_when_the_oled_fails(self):
        ssd1306.FAIL[0] = "init"
        s = self.sup()
        s.screen("Config missing", "copy it")
        self.assertEqual(self.printed[-1], "Config missing | copy it")

    def test_should_restart_when_the_address_changes(self):
        w = Wifi(network, "classroom", "pw")
        w.try_connect(0)
        w.ip = w.address()
        self.assertEqual(w.poll(0), 5000)
        network.STATE["ip"] = "10.0.0.9"
        self.assertEqual(w.poll(1000), 5000)
        self.assertRaises(AddressChanged, w.poll, 5000)


class WholeRunTest(unittest.TestCase):
    # config -> Wi-Fi -> node on loopback -> a hostile value -> the screen; no restarts
    def setUp(self):
        machine.clear()
        network.clear()
        ssd1306.clear()
        remove("motormesh.state")
        write(json.dumps({"ssid": "classroom", "password": "pw", "iface": "127.0.0.1", "port": 0, "mdns": "off", "follow": "*", "epoch_file": "test-sup.epoch"}))

    def tearDown(self):
        remove(_CFG)
        remove("motormesh.state")
        remove("test-sup.epoch")
        ssd1306.clear()

    def test_should_run_a_board_named_by_its_chip_id_and_feed_the_watchdog(self):
        s = Supervisor(machine, network, ssd1306, _CFG, None, None, lambda line: None)
        s.scout_port = 0  # alone: no other test's controller moves its servo
        turns = [0, 0]

        def hook(now):
            turns[0] += 1
            if turns[0] == 3:
                turns[1] = now
                from motormesh import wire

                s.app.on_message(s.app.node.peers.get("x") or _Peer(), wire.Publish("/SM/x/angle", wire.TEXT, "hi"))
            if turns[0] > 3 and now - turns[1] > 300:
                raise Stop()
            return now + 5

        s.hooks.append(hook)
        try:
            s.forever(tries=1)
        except Stop:
            pass
        self.assertEqual(s.errors, 0, s.last_error)
        self.assertEqual(s.app.node.name, "motor-5eb107")
        self.assertEqual(s.app.role, "receiver")
        self.assertTrue(machine.wdt_feeds[0] >= 10)
        self.assertEqual([c[2] for c in machine.calls if c[0] == "PWM.duty_ns"], [1500000])
        last = ssd1306.screens[-1]
        self.assertEqual(last[:3], ["motor-5eb107", "127.0.0.1", "receiver"])
        self.assertEqual(last[4:], ["follows any", "last - bad 1"])
        self.assertEqual(s.app.drops.why, {"kind": 1})


class _Peer:
    name = "someone"


if __name__ == "__main__":
    unittest.main()

# Stock-firmware boards meet with no laptop: two MicroPython nodes whose UDP 5353 is held
# by another socket in their namespace (as the firmware's responder holds it) find each
# other by scouting and a controller's values reach a receiver; then a Java node in a
# third namespace sees both and is seen by them, and python-zeroconf in a fourth lists
# every node as _motormesh._udp.local. (the Java node publishes the boards' records).
import time

from . import harness
from .base import NetnsCase
from .nodes import JavaNode, MpyNode, Browser

MEET_LIMIT_S = 3.0  # the issue asks for "about a second"; the figure is printed
JAVA_LIMIT_S = 15.0  # JVM start included
ZEROCONF_LIMIT_S = 12.0


class MeetTest(NetnsCase):
    needs = ("micropython", "java", "zeroconf")

    def test_should_meet_with_5353_held_and_no_java_then_be_seen_by_java_and_zeroconf(self):
        net = self.network(["a", "b", "c", "d"])
        ctl = MpyNode.start(net, "a", "motor-a", "controller", hold_5353=True)
        rx = MpyNode.start(net, "b", "motor-b", "receiver", follow="motor-a", hold_5353=True)
        t0 = rx.ready_at  # both are up: the later one's ready line
        a_b = ctl.joined("motor-b", 10, since=None)
        b_a = rx.joined("motor-a", 10, since=None)
        self.assertTrue(a_b and b_a, "the two boards did not meet without a laptop" + self.logs(ctl, rx))
        meet = max(a_b, b_a) - t0
        harness.figure("meet, 2 MicroPython nodes, 5353 held, no Java (s)", "%.3f" % meet)
        self.assertLessEqual(meet, MEET_LIMIT_S, self.logs(ctl, rx))

        t = time.monotonic()
        ctl.knob(42)
        got = rx.message(3, since=t, topic="/SM/motor-a/angle", value=lambda v: v == "42")
        self.assertTrue(got, "the receiver got no value from the controller" + self.logs(ctl, rx))
        self.assertTrue(rx.proc.wait_for("servo 42", 2, since=t), self.logs(rx))
        harness.figure("controller -> receiver, first value, MicroPython (ms)", "%.1f" % ((got[0] - t) * 1000))

        t1 = time.monotonic()
        java = JavaNode.start(net, "c", "laptop-c")
        seen = [java.joined("motor-a", JAVA_LIMIT_S), java.joined("motor-b", JAVA_LIMIT_S)]
        heard = [ctl.joined("laptop-c", JAVA_LIMIT_S, since=t1), rx.joined("laptop-c", JAVA_LIMIT_S, since=t1)]
        self.assertTrue(all(seen), "the Java node did not see both boards" + self.logs(java, ctl, rx))
        self.assertTrue(all(heard), "the boards did not see the Java node" + self.logs(java, ctl, rx))
        harness.figure("Java node start -> sees both boards (s, JVM start included)", "%.3f" % (max(seen) - t1))

        names, out = JavaNode.peers(net, "c")
        self.assertTrue({"motor-a", "motor-b", "laptop-c"} <= set(names), "peers listing: " + out)

        t2 = time.monotonic()
        browser = Browser.start(net, "d", ZEROCONF_LIMIT_S, ["motor-a", "motor-b", "laptop-c"])
        done = browser.done(ZEROCONF_LIMIT_S + 10)
        services = browser.services()
        self.assertTrue(done and done[1].startswith("all"),
                        "python-zeroconf did not list every node" + self.logs(browser.proc, java))
        harness.figure("python-zeroconf lists all 3 nodes (s)", "%.3f" % (done[0] - t2))
        for name in ("motor-a", "motor-b"):
            line = services[name][1]
            self.assertIn(net.ip("a" if name == "motor-a" else "b") + ":", line, line)
            self.assertIn("v=3", line, line)

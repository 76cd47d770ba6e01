# Current value for late joiners: a receiver that starts after the publisher's last
# publish still gets that value at once (FRAME.md: the latest QoS 0 value of each matching
# topic is sent by unicast when a peer becomes known), across languages both ways and
# within each language. The value must arrive within 1 s of the receiver meeting the
# publisher; the time from the receiver's start is printed too.
import time

from . import harness
from .base import NetnsCase
from .nodes import JavaNode, JavaTool, MpyNode

AFTER_JOIN_LIMIT_S = 1.0
MEET_S = 15.0  # JVM start included


class LateJoinerTest(NetnsCase):
    needs = ("micropython", "java")

    def _late(self, pub_lang, rx_lang, value):
        net = self.network(["a", "b"])
        pname, rname = "%s-ctl" % pub_lang, "%s-late" % rx_lang
        topic = "/SM/%s/angle" % pname
        if pub_lang == "java":
            pub = JavaTool.start(net, "a", pname)
            pub.pub(topic, value)
        else:
            pub = MpyNode.start(net, "a", pname, "controller", hold_5353=True)
            pub.knob(value)
        self.assertTrue(pub.proc.wait_for(lambda l: l.startswith("published %s %d" % (topic, value)), 5),
                        "the publisher did not publish" + self.logs(pub))
        time.sleep(0.5)  # the last publish is over (and its three repeats would go to nobody)

        if rx_lang == "java":
            rx = JavaNode.start(net, "b", rname, sub="/SM/")
        else:
            rx = MpyNode.start(net, "b", rname, "receiver", follow=pname, hold_5353=True)
        joined = rx.joined(pname, MEET_S)
        self.assertTrue(joined, "the late receiver did not meet the publisher" + self.logs(pub, rx))
        got = rx.message(AFTER_JOIN_LIMIT_S + 4, topic=topic, value=lambda v: v == str(value))
        pair = "%s -> %s" % (pub_lang, rx_lang)
        self.assertTrue(got, "the late receiver never got the current value (%s)" % pair + self.logs(pub, rx))
        after_join = max(0.0, got[0] - joined)
        harness.figure("late joiner %s: value after meeting (ms)" % pair, "%.1f" % (after_join * 1000))
        harness.figure("late joiner %s: value after receiver start (s)" % pair, "%.3f" % (got[0] - rx.ready_at))
        self.assertLessEqual(after_join, AFTER_JOIN_LIMIT_S, pair + self.logs(pub, rx))

    def test_should_give_a_late_micropython_receiver_the_java_value(self):
        self._late("java", "mpy", 123)

    def test_should_give_a_late_java_subscriber_the_micropython_value(self):
        self._late("mpy", "java", 77)

    def test_should_give_a_late_micropython_receiver_the_micropython_value(self):
        self._late("mpy", "mpy", 55)

    def test_should_give_a_late_java_subscriber_the_java_value(self):
        self._late("java", "java", 99)

# Node tests with a hand-driven clock and an in-memory network (no sockets).
import unittest

from motormesh import wire
from motormesh.node import Listener, Node, Peer, Window, node_id
from tests import vectors


class Recorder(Listener):
    def __init__(self):
        self.events = []

    def on_peer_joined(self, peer):
        self.events.append(("joined", peer.name))

    def on_peer_lost(self, peer):
        self.events.append(("lost", peer.name))

    def on_message(self, peer, pub):
        self.events.append(("message", peer.name, pub.topic, pub.value))


class Net:
    # datagrams queue up until deliver(); drop(src, dst, data) can lose some
    def __init__(self):
        self.nodes = {}
        self.queue = []
        self.drop = None
        self.sent = []

    def add(self, name, port, key=None, subs=("",), epoch=1):
        addr = ("127.0.0.1", port)
        rec = Recorder()
        n = Node(name, "motor", epoch, lambda data, dst: self._send(addr, dst, data), key, rec, subs)
        n.port = port
        self.nodes[addr] = n
        return n, rec

    def _send(self, src, dst, data):
        self.sent.append((src, dst, bytes(data)))
        self.queue.append((src, dst, bytes(data)))

    def deliver(self, now, rounds=5):
        for _ in range(rounds):
            q, self.queue = self.queue, []
            for src, dst, data in q:
                if self.drop and self.drop(src, dst, data):
                    continue
                if dst in self.nodes:
                    self.nodes[dst].on_datagram(data, src, now)

    def run(self, start, end, step=10):
        for now in range(start, end + 1, step):
            for n in list(self.nodes.values()):
                n.tick(now)
            self.deliver(now)


def kind(data):
    return wire.decode(data, None).kind


class WindowTest(unittest.TestCase):
    def test_should_accept_each_seq_once_within_64(self):
        w = Window()
        for s in (1, 3, 2, 70, 10):
            self.assertTrue(w.fresh(s), s)
            w.mark(s)
        for s in (1, 2, 3, 6, 70):
            self.assertFalse(w.fresh(s), s)
        self.assertTrue(w.fresh(69))
        self.assertTrue(w.fresh(7 + 64))
        w.mark(200)
        self.assertFalse(w.fresh(136))
        self.assertTrue(w.fresh(137))


class NodeTest(unittest.TestCase):
    def setUp(self):
        self.net = Net()
        self.a, self.ra = self.net.add("motor-1", 47001)
        self.b, self.rb = self.net.add("motor-2", 47002)

    def _join(self):
        self.a.contact(("127.0.0.1", 47002), 0)
        self.net.run(0, 20)

    def test_should_derive_the_node_id_like_the_java_node(self):
        # first 6 bytes of SHA-256("motor-1")
        self.assertEqual(node_id("motor-1"), "8d8a253dd89b")

    def test_should_join_both_ways_from_one_contact(self):
        self._join()
        self.assertEqual(self.ra.events, [("joined", "motor-2")])
        self.assertEqual(self.rb.events, [("joined", "motor-1")])
        hellos = [wire.decode(d, None).body for s, t, d in self.net.sent if kind(d) == wire.HELLO]
        self.assertTrue(hellos[0].reply_requested)
        self.assertFalse(hellos[1].reply_requested)
        self.assertEqual(hellos[1].port, 47002)

    def test_should_answer_a_first_hello_without_reply_request_with_current_subscriptions(self):
        self._join()
        c, rc = self.net.add("motor-3", 47003, subs=())
        c.subscribe(["/late"], 30)
        # c's stale Hello (no subscriptions, no reply asked) reaches a, which answers with its own
        c._hello(("127.0.0.1", 47001), False)
        self.net.deliver(30)
        answers = [wire.decode(d, None).body for s, t, d in self.net.sent
                   if s[1] == 47001 and t[1] == 47003 and kind(d) == wire.HELLO]
        self.assertEqual(len(answers), 1)
        self.assertIn(("joined", "motor-3"), self.ra.events)
        self.assertEqual(self.a.peers[c.id].subscriptions, ["/late"])

    def test_should_repeat_a_lost_last_latest_value_and_deliver_it_once(self):
        self._join()
        self.net.drop = lambda s, d, data: kind(data) == wire.PUBLISH
        self.a.publish("/knob", wire.INTEGER, 180, 30)
        self.net.deliver(30)
        self.net.drop = None
        self.net.run(40, 2000)
        got = [e for e in self.rb.events if e[0] == "message"]
        self.assertEqual(got, [("message", "motor-1", "/knob", 180)])
        self.assertTrue(self.b.stats.get("stale_value", 0) >= 1, "the other repeats are dropped, not delivered")

    def test_should_heartbeat_every_250_ms_and_keep_the_lease(self):
        self._join()
        self.net.sent = []
        self.net.run(30, 3000)
        beats = [d for s, t, d in self.net.sent if s[1] == 47001 and kind(d) == wire.HEARTBEAT]
        self.assertTrue(11 <= len(beats) <= 13, len(beats))
        self.assertEqual(len(self.ra.events), 1)
        self.assertTrue(self.a.peers[self.b.id].rtt_us >= 0)

    def test_should_expire_a_silent_peer_after_the_lease(self):
        self._join()
        self.net.drop = lambda s, d, data: s[1] == 47002
        self.net.run(30, 900)
        self.assertEqual(self.ra.events, [("joined", "motor-2")])
        self.net.run(910, 1100)
        self.assertEqual(self.ra.events, [("joined", "motor-2"), ("lost", "motor-2")])
        self.assertEqual(self.a.stats["lost"], 1)

    def test_should_remove_a_peer_at_once_on_bye(self):
        self._join()
        self.b.close(30)
        self.net.deliver(30)
        self.assertEqual(self.ra.events[-1], ("lost", "motor-2"))

    def test_should_publish_only_to_matching_subscribers(self):
        self.b.subscribe(["/SM/motor-1/"], 0)
        self._join()
        self.assertEqual(self.a.publish("/LEGO/x", wire.INTEGER, 1, 30), 0)
        self.assertEqual(self.a.publish("/SM/motor-1/angle", wire.INTEGER, 90, 30), 1)
        self.net.deliver(30)
        self.assertEqual(self.rb.events[-1], ("message", "motor-1", "/SM/motor-1/angle", 90))

    def test_should_drop_an_older_latest_value_for_the_same_topic(self):
        self._join()
        self.a.publish("/t", wire.INTEGER, 1, 30)
        self.a.publish("/t", wire.INTEGER, 2, 30)
        first, second = self.net.queue[-2], self.net.queue[-1]
        self.net.queue = [second, first]
        self.net.deliver(30)
        self.assertEqual([e[3] for e in self.rb.events if e[0] == "message"], [2])
        self.assertEqual(self.b.stats["stale_value"], 1)

    def test_should_retransmit_until_acked_and_deliver_once(self):
        self._join()
        self.net.sent = []
        lose = [True]
        self.net.drop = lambda s, d, data: lose[0] and kind(data) == wire.PUBLISH
        self.a.publish("/t", wire.TEXT, "hi", 100, wire.QOS_ACKED)
        self.net.run(100, 800, 10)
        pubs = [wire.decode(d, None) for s, t, d in self.net.sent if kind(d) == wire.PUBLISH]
        # first send at 100, retries at 200, 400, 800 (gaps 100, 200, 400)
        self.assertEqual(len(pubs), 4)
        self.assertEqual(len(set(p.body.message_id for p in pubs)), 1)
        self.assertEqual(len(set(p.seq for p in pubs)), 4)
        lose[0] = False
        # a duplicate arrives as well: delivered once, acked twice
        dup = [x for x in self.net.sent if kind(x[2]) == wire.PUBLISH][-1]
        self.net.run(810, 1700, 10)
        self.net.queue.append(dup)
        self.net.deliver(1700)
        self.assertEqual([e for e in self.rb.events if e[0] == "message"], [("message", "motor-1", "/t", "hi")])
        self.assertEqual(self.a.stats["acked"], 1)
        n = len([1 for s, t, d in self.net.sent if kind(d) == wire.PUBLISH])
        self.net.run(1710, 4000, 10)
        self.assertEqual(len([1 for s, t, d in self.net.sent if kind(d) == wire.PUBLISH]), n)

    def test_should_stop_retransmitting_to_a_lost_peer(self):
        self._join()
        self.net.drop = lambda s, d, data: True
        self.a.publish("/t", wire.INTEGER, 5, 30, wire.QOS_ACKED)
        self.net.run(30, 1500)
        self.assertEqual(self.a._pending, [])

    def test_should_drop_replays_and_stale_epochs(self):
        self._join()
        self.a.publish("/t", wire.INTEGER, 7, 30)
        src, dst, data = self.net.queue[-1]
        self.net.deliver(30)
        self.b.on_datagram(data, src, 31)
        self.assertEqual(self.b.stats["REPLAYED"], 1)
        # the same node restarted with a higher epoch: a rejoin, seq starts over
        old = Node("motor-1", "motor", 0, lambda d, a: None)
        old._begin(dst).publish("/t", wire.INTEGER, 1)
        n = old._w.finish()
        self.b.on_datagram(bytes(old._w.mv[:n]), src, 32)
        self.assertEqual(self.b.stats["STALE_EPOCH"], 1)
        new = Node("motor-1", "motor", 2, lambda d, a: None)
        new._begin(dst).publish("/t", wire.INTEGER, 8)
        n = new._w.finish()
        self.b.on_datagram(bytes(new._w.mv[:n]), src, 33)
        self.assertEqual(self.b.stats["rejoin"], 1)
        self.assertEqual(self.rb.events[-1], ("message", "motor-1", "/t", 8))

    def test_should_hello_an_unknown_sender(self):
        stranger = Node("motor-9", "motor", 1, lambda d, a: None)
        stranger._begin(("127.0.0.1", 47001)).heartbeat(0, 0)
        n = stranger._w.finish()
        self.a.on_datagram(bytes(stranger._w.mv[:n]), ("127.0.0.1", 47009), 0)
        self.a.tick(0)
        hello = [wire.decode(d, None) for s, t, d in self.net.sent if t == ("127.0.0.1", 47009)]
        self.assertEqual(hello[0].kind, wire.HELLO)
        self.assertTrue(hello[0].body.reply_requested)

    def test_should_meet_a_third_node_through_the_peer_list(self):
        self._join()
        c, rc = self.net.add("motor-3", 47003)
        c.contact(("127.0.0.1", 47001), 30)
        self.net.run(30, 100)
        self.assertEqual(sorted(e[1] for e in rc.events), ["motor-1", "motor-2"])
        self.assertIn(("joined", "motor-3"), self.rb.events)

    def test_should_not_join_with_a_wrong_group_key(self):
        net = Net()
        a, ra = net.add("motor-1", 47001, key="classroom-key")
        b, rb = net.add("motor-2", 47002, key="other-key")
        a.contact(("127.0.0.1", 47002), 0)
        net.run(0, 100)
        self.assertEqual(rb.events, [])
        self.assertTrue(b.stats["BAD_TAG"] >= 1)

    def test_should_send_the_exact_golden_bytes(self):
        # sender 5eed00c0ffee, epoch 3, seq 7, message 7, as proto/golden/publish_integer*
        for name, key in (("publish_integer", None), ("publish_integer_signed", "classroom-key")):
            sent = []
            n = Node("x", "motor", 3, lambda d, a: sent.append(bytes(d)), key, clock_us=lambda: 1700000000000007, nid="5eed00c0ffee")
            peer = ("127.0.0.1", 47002)
            n._seq[peer] = 6
            n._mid = 6
            n.peers["0badcafe0001"] = p = Peer("0badcafe0001", peer, 1)
            p.live = True
            p.subscriptions = ["/SM/"]
            n.publish("/SM/motor-1/angle", wire.INTEGER, 90, 0)
            golden = [v[1] for v in vectors.golden() if v[0] == name][0]
            self.assertEqual(sent, [golden])


if __name__ == "__main__":
    unittest.main()

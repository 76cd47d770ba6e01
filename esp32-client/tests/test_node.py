# Node tests with a hand-driven clock and an in-memory network (no sockets): the v2
# protocol (FRAME.md): joining, scouting, leases, keep-alives, probes, healing, values.
import unittest

from motormesh import wire
from motormesh.node import Listener, Node, Peer, Window, node_id, SCOUT_GROUP, BROADCAST
from tests import vectors

SCOUT = 47999


class Rand:
    # a seeded linear congruential generator: the same numbers on every port
    def __init__(self, seed=1):
        self.x = seed

    def next(self):
        self.x = (self.x * 1103515245 + 12345) & 0x7FFFFFFF
        return self.x >> 8

    def __call__(self, lo, hi):
        return lo + self.next() % (hi - lo + 1)

    def chance(self, percent):
        return self.next() % 100 < percent


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
    # datagrams queue up until deliver(); drop(src, dst, data) can lose some. Frames to
    # the scout group (or broadcast) reach every node added with scout=True.
    def __init__(self, seed=1):
        self.nodes = {}
        self.addr = {}
        self.queue = []
        self.drop = None
        self.sent = []
        self.record = True  # False: only the counts below, for long runs in a small heap
        self.to = {}
        self.by = {}
        self.rand = Rand(seed)

    def add(self, name, port, key=None, subs=("",), epoch=1, scout=False, now=0):
        rec = Recorder()
        box = [("127.0.0.1", port)]
        n = Node(name, "motor", epoch, lambda data, dst: self._send(box[0], dst, data), port, key=key,
                 listener=rec, subscriptions=subs, scout_port=SCOUT if scout else 0, rand=self.rand, now=now)
        n._box = box
        self.nodes[box[0]] = n
        return n, rec

    def move(self, n, addr):
        # the node's address changes (a new DHCP lease)
        del self.nodes[n._box[0]]
        n._box[0] = addr
        self.nodes[addr] = n

    def _send(self, src, dst, data):
        data = bytes(data)
        self.to[dst] = self.to.get(dst, 0) + 1
        self.by[src[1]] = self.by.get(src[1], 0) + 1
        if self.record:
            self.sent.append((src, dst, data))
        self.queue.append((src, dst, data))

    def deliver(self, now, rounds=5):
        for _ in range(rounds):
            q, self.queue = self.queue, []
            for src, dst, data in q:
                if self.drop and self.drop(src, dst, data):
                    continue
                if dst[0] in (SCOUT_GROUP, BROADCAST):
                    for n in list(self.nodes.values()):
                        if n.scout_port == dst[1]:
                            n.on_datagram(data, src, now, True)
                elif dst in self.nodes:
                    self.nodes[dst].on_datagram(data, src, now)

    def run(self, start, end, step=10):
        for now in range(start, end + 1, step):
            for n in list(self.nodes.values()):
                n.tick(now)
            self.deliver(now)

    def count(self, src_port=None, dst=None, kind=None, since=0):
        n = 0
        for s, d, data in self.sent[since:]:
            if (src_port is None or s[1] == src_port) and (dst is None or d == dst):
                if kind is None or decode(data).kind == kind:
                    n += 1
        return n


def decode(data):
    return wire.decode(data, None)


def kind(data):
    return decode(data).kind


def frame(node, dst, build, seq=None, did=""):
    # one datagram from node to dst (node id did, FRAME.md dest_id) made by build(writer)
    if seq is not None:
        node._seq[dst] = seq - 1
    build(node._begin(dst, did))
    return bytes(node._w.mv[: node._w.finish(node.key)])


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
        hellos = [decode(d).body for s, t, d in self.net.sent if kind(d) == wire.HELLO]
        self.assertTrue(hellos[0].reply_requested)
        self.assertFalse(hellos[1].reply_requested)
        self.assertEqual((hellos[1].port, hellos[1].protocol_version, hellos[1].beacon_ms), (47002, wire.PROTOCOL, 1000))

    def test_should_answer_a_first_hello_without_reply_request_with_current_subscriptions(self):
        self._join()
        c, rc = self.net.add("motor-3", 47003, subs=())
        c.subscribe(["/late"], 30)
        c.contact(("127.0.0.1", 47001), 30)  # a padded first contact: an answer fits in what it sent
        c.tick(30)
        self.net.deliver(30)
        answers = [d for s, t, d in self.net.sent if s[1] == 47001 and t[1] == 47003 and kind(d) == wire.HELLO]
        self.assertTrue(answers)
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

    def test_should_send_keep_alives_to_a_partner_only_when_the_flow_is_quiet(self):
        self._join()
        mark = len(self.net.sent)
        for now in range(30, 1030, 10):
            if now % 100 == 0:
                self.a.publish("/knob", wire.INTEGER, now, now)
            self.a.tick(now)
            self.b.tick(now)
            self.net.deliver(now)
        self.assertEqual(self.net.count(47001, kind=wire.HEARTBEAT, since=mark), 0, "data is the proof of life")
        mark = len(self.net.sent)
        self.net.run(1030, 3030)
        beats = self.net.count(47001, kind=wire.HEARTBEAT, since=mark)
        self.assertTrue(7 <= beats <= 9, beats)
        self.assertEqual(self.rb.events[0], ("joined", "motor-1"))
        self.assertFalse(("lost", "motor-1") in self.rb.events)
        self.assertTrue(self.b.peers[self.a.id].rtt_us >= 0)

    def test_should_send_nothing_but_probes_to_an_idle_member(self):
        self._join()
        mark = len(self.net.sent)
        self.net.run(30, 10030)
        # member lease 4 s (beacon_ms 1000): probes from 2.4 s, answered at once
        per_s = self.net.count(47001, since=mark) / 10
        self.assertTrue(per_s <= 1.0, per_s)
        self.assertEqual(self.ra.events, [("joined", "motor-2")])

    def test_should_probe_a_silent_partner_and_lose_it_after_one_second(self):
        self._join()
        self.a.publish("/knob", wire.INTEGER, 1, 30)
        self.net.deliver(30)
        mark = len(self.net.sent)
        self.net.drop = lambda s, d, data: s[1] == 47001
        self.net.run(40, 580)
        self.assertEqual(self.net.count(47002, kind=wire.HEARTBEAT, since=mark), 0)
        self.net.run(590, 1020)
        probes = [decode(d).body for s, t, d in self.net.sent[mark:] if s[1] == 47002 and kind(d) == wire.HEARTBEAT]
        self.assertTrue(len(probes) >= 3 and all(p.reply_requested for p in probes), len(probes))
        self.assertFalse(("lost", "motor-1") in self.rb.events)
        self.net.run(1030, 1100)
        self.assertIn(("lost", "motor-1"), self.rb.events)

    def test_should_expire_a_silent_member_after_four_beacon_intervals(self):
        self._join()
        self.net.drop = lambda s, d, data: s[1] == 47002
        self.net.run(30, 3900)
        self.assertEqual(self.ra.events, [("joined", "motor-2")])
        self.net.run(3910, 4100)
        self.assertEqual(self.ra.events, [("joined", "motor-2"), ("lost", "motor-2")])

    def test_should_remove_a_peer_at_once_on_bye_and_refuse_its_replays(self):
        self._join()
        hello = [x for x in self.net.sent if x[0][1] == 47001 and kind(x[2]) == wire.HELLO][0]
        self.a.close(30)
        self.net.deliver(30)
        self.assertEqual(self.rb.events[-1], ("lost", "motor-1"))
        self.b.on_datagram(hello[2], hello[0], 40)
        self.assertEqual(self.rb.events[-1], ("lost", "motor-1"), "a replayed Hello does not bring it back")
        self.assertEqual(self.b.stats["REPLAYED"], 1)

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
        mark = len(self.net.sent)
        lose = [True]
        self.net.drop = lambda s, d, data: lose[0] and kind(data) == wire.PUBLISH
        self.a.publish("/t", wire.TEXT, "hi", 100, wire.QOS_ACKED)
        self.net.run(100, 800, 10)
        pubs = [decode(d) for s, t, d in self.net.sent[mark:] if kind(d) == wire.PUBLISH]
        # first send at 100, retries at 200, 400, 800 (gaps 100, 200, 400)
        self.assertEqual(len(pubs), 4)
        self.assertEqual(len(set(p.body.message_id for p in pubs)), 1)
        self.assertEqual(len(set(p.seq for p in pubs)), 4)
        lose[0] = False
        dup = [x for x in self.net.sent if kind(x[2]) == wire.PUBLISH][-1]
        self.net.run(810, 1700, 10)
        self.net.queue.append(dup)
        self.net.deliver(1700)
        self.assertEqual([e for e in self.rb.events if e[0] == "message"], [("message", "motor-1", "/t", "hi")])
        self.assertEqual(self.a.stats["acked"], 1)
        n = self.net.count(kind=wire.PUBLISH)
        self.net.run(1710, 4000, 10)
        self.assertEqual(self.net.count(kind=wire.PUBLISH), n)

    def test_should_stop_retransmitting_to_a_lost_peer(self):
        self._join()
        self.net.drop = lambda s, d, data: True
        self.a.publish("/t", wire.INTEGER, 5, 30, wire.QOS_ACKED)
        self.net.run(30, 4500)
        self.assertEqual(self.a._pending, [])

    def test_should_drop_replays_and_stale_epochs(self):
        self._join()
        self.a.publish("/t", wire.INTEGER, 7, 30)
        src, dst, data = self.net.queue[-1]
        self.net.deliver(30)
        self.b.on_datagram(data, src, 31)
        self.assertEqual(self.b.stats["REPLAYED"], 1)
        old = Node("motor-1", "motor", 0, lambda d, a: None, 47001)
        self.b.on_datagram(frame(old, dst, lambda w: w.publish("/t", wire.INTEGER, 1), did=self.b.id), src, 32)
        self.assertEqual(self.b.stats["STALE_EPOCH"], 1)
        new = Node("motor-1", "motor", 2, lambda d, a: None, 47001)
        new._mid = 1
        self.b.on_datagram(frame(new, dst, lambda w: w.publish("/t", wire.INTEGER, 8, 0, 1), did=self.b.id), src, 33)
        self.assertEqual(self.b.stats["rejoin"], 1)
        self.assertEqual(self.rb.events[-1], ("message", "motor-1", "/t", 8))

    def test_should_hello_an_unknown_sender(self):
        # only at an address we chose: anyone may spoof a stranger's source (issue 11.3)
        stranger = Node("motor-9", "motor", 1, lambda d, a: None, 47009)
        hb = frame(stranger, ("127.0.0.1", 47001), lambda w: w.heartbeat(0, 0), did=self.a.id)
        self.a.on_datagram(hb, ("127.0.0.1", 47008), 0)
        self.a._asked[("127.0.0.1", 47009)] = 0
        self.a.on_datagram(hb, ("127.0.0.1", 47009), 0)
        self.a.tick(0)
        self.assertEqual([t for s, t, d in self.net.sent], [("127.0.0.1", 47009)])
        hello = decode(self.net.sent[0][2])
        self.assertEqual(hello.kind, wire.HELLO)
        self.assertTrue(hello.body.reply_requested)
        self.assertEqual(len(self.net.sent[0][2]), 1184, "a first contact is padded to a whole frame")
        self.assertEqual(self.a.stats["UNEXPECTED"], 2)
        self.assertEqual(self.a.stats["reply_capped"], 1)

    def test_should_meet_a_third_node_through_the_peer_list_without_scouting(self):
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
            n = Node("x", "motor", 3, lambda d, a: sent.append(bytes(d)), 47000, key=key,
                     clock_us=lambda: 1700000000000007, nid="5eed00c0ffee")
            peer = ("127.0.0.1", 47002)
            n._seq[peer] = 6
            n._mid = 6
            n.peers["c0ffee000002"] = p = Peer("c0ffee000002", peer, 1)  # the vectors' dest_id
            p.live = True
            p.verified = True
            p.subscriptions = ["/SM/"]
            n.publish("/SM/motor-1/angle", wire.INTEGER, 90, 0)
            golden = [v[1] for v in vectors.golden() if v[0] == name][0]
            self.assertEqual(sent, [golden])

    def test_should_send_a_late_joiner_the_latest_value_once(self):
        self.a.publish("/knob", wire.INTEGER, 10, 0)
        self.a.publish("/knob", wire.INTEGER, 135, 5)
        self.a.publish("/other", wire.INTEGER, 1, 6)
        self.b.subscribe(["/knob"], 0)
        self._join()
        got = [e for e in self.rb.events if e[0] == "message"]
        self.assertEqual(got, [("message", "motor-1", "/knob", 135)])
        # a new subscription that now matches /other gets it too, /knob not again
        self.b.subscribe(["/knob", "/other"], 30)
        self.b._hello(("127.0.0.1", 47001), False)
        self.net.run(30, 60)
        got = [e for e in self.rb.events if e[0] == "message"]
        self.assertEqual(got, [("message", "motor-1", "/knob", 135), ("message", "motor-1", "/other", 1)])

    def test_should_keep_the_qos1_duplicate_window_at_50_msgs_per_s_under_20_percent_loss(self):
        self._join()
        rand = Rand(7)
        self.net.drop = lambda s, d, data: rand.chance(20)
        self.net.record = False  # 1500 datagrams kept would not fit the unix port's test heap
        for i in range(500):
            now = 100 + 20 * i
            self.a.publish("/acked", wire.INTEGER, i, now, wire.QOS_ACKED)
            self.a.tick(now)
            self.b.tick(now)
            self.net.deliver(now)
        self.net.drop = None
        self.net.run(10100, 16000)
        got = [e[3] for e in self.rb.events if e[0] == "message"]
        self.assertEqual(sorted(got), list(range(500)), "each exactly once")

    def test_should_seed_until_the_seed_answers(self):
        self.net.drop = lambda s, d, data: True
        self.a.seed(("127.0.0.1", 47002), 0)
        self.net.run(0, 5000)
        tries = self.net.count(47001, ("127.0.0.1", 47002))
        # at 0, 0.5, 1.5, then every second
        self.assertTrue(6 <= tries <= 8, tries)
        self.net.drop = None
        self.net.run(5010, 6100)
        self.assertEqual(self.ra.events, [("joined", "motor-2")])

    def test_should_look_again_for_a_lost_partner_and_heal(self):
        self.b.subscribe(["/knob"], 0)
        self._join()
        self.a.publish("/knob", wire.INTEGER, 1, 30)
        self.net.run(30, 100)
        self.net.drop = lambda s, d, data: True
        self.net.run(110, 4110)
        self.assertIn(("lost", "motor-1"), self.rb.events)
        self.assertIn(("lost", "motor-2"), self.ra.events)
        self.net.drop = None
        self.net.run(4120, 5120)
        self.assertEqual(self.rb.events[-1][0], "joined", self.rb.events)
        self.a.publish("/knob", wire.INTEGER, 2, 5130)
        self.net.deliver(5130)
        self.assertEqual(self.rb.events[-1], ("message", "motor-1", "/knob", 2))


class HostileTest(unittest.TestCase):
    def setUp(self):
        self.net = Net()
        self.a, self.ra = self.net.add("motor-1", 47001)
        self.x = Node("motor-x", "motor", 1, lambda d, a: None, 47009)
        self.src = ("127.0.0.1", 47009)

    def hello(self, **kw):
        h = wire.Hello("motor-x", "motor", 47009)
        for k, v in kw.items():
            setattr(h, k, v)
        return frame(self.x, ("127.0.0.1", 47001), lambda w: w.hello(h))

    def test_should_drop_ports_outside_1_to_65535(self):
        self.a.on_datagram(self.hello(port=(1 << 64) - 1), self.src, 0)
        self.a.on_datagram(self.hello(port=70000), self.src, 0)
        self.assertEqual(self.a.stats["BAD_PORT"], 2)
        self.assertEqual(self.a.peers, {})
        peers = [("0badcafe0001", "p", "127.0.0.1", 70000), ("0badcafe0002", "q", "127.0.0.1", (1 << 64) - 1),
                 ("0badcafe0003", "r", "127.0.0.1", 0)]
        self.a.on_datagram(self.hello(peers=peers), self.src, 0)
        self.assertEqual(self.a.stats["BAD_PORT"], 5)
        self.a.tick(0)
        self.assertEqual([t for s, t, d in self.net.sent if t[1] != 47009], [])

    def test_should_never_look_up_a_host_name(self):
        peers = [("0badcafe0001", "p", "motor-7.local", 47000), ("0badcafe0002", "q", "1.2.3", 47000)]
        self.a.on_datagram(self.hello(peers=peers), self.src, 0)
        self.assertEqual(self.a.stats["NAME_HOST"], 2)
        self.assertEqual(self.a.search.targets, {})

    def test_should_drop_another_protocol_version(self):
        self.a.on_datagram(self.hello(protocol_version=1), self.src, 0)
        self.assertEqual(self.a.stats["BAD_VERSION"], 1)
        self.assertEqual(self.a.peers, {})

    def test_should_drop_invalid_utf8_in_names_and_topics(self):
        good = self.hello(name="motor-\u00e9")
        i = good.index("motor-\u00e9".encode())
        bad = good[: i + 6] + b"\xff\xfe" + good[i + 8 :]
        self.a.on_datagram(bad, self.src, 0)
        self.assertEqual(self.a.stats["UNPARSEABLE"], 1)

    def test_should_bound_the_peer_table(self):
        for i in range(100):
            n = Node("fake-%d" % i, "motor", 1, lambda d, a: None, 40000 + i)
            h = wire.Hello(n.name, "motor", 40000 + i)
            self.a.on_datagram(frame(n, ("127.0.0.1", 47001), lambda w: w.hello(h)), ("127.0.0.1", 40000 + i), 0)
        # none of them proved its address: 16 unverified at most, the others evicted (counted)
        self.assertEqual(len(self.a.peers), 16)
        self.assertEqual(self.a.stats["unverified_evicted"], 84)

    def test_should_accept_only_hello_on_the_scout_socket_with_its_own_window(self):
        self.a, self.ra = self.net.add("motor-s", 47001, scout=True)
        h = wire.Hello("motor-x", "motor", 47009)
        data = frame(self.x, ("127.0.0.1", 47001), lambda w: w.hello(h), seq=5)
        self.a.on_datagram(data, self.src, 0, True)
        self.a.on_datagram(data, self.src, 0)
        self.assertEqual(self.a.stats.get("REPLAYED", 0), 0, "one window per socket")
        self.a.on_datagram(data, self.src, 0, True)
        self.assertEqual(self.a.stats["REPLAYED"], 1)
        hb = frame(self.x, ("127.0.0.1", 47001), lambda w: w.heartbeat(0, 0))
        self.a.on_datagram(hb, self.src, 0, True)
        self.assertEqual(self.a.stats["UNEXPECTED"], 1)

    def test_should_survive_random_bytes_truncations_and_bit_flips(self):
        rand = Rand(3)
        key_node = Node("motor-k", "motor", 1, lambda d, a: None, 47001, key="k")
        goods = [
            self.hello(peers=[("0badcafe0001", "p", "127.0.0.1", 47000)], subscriptions=["/a", ""]),
            frame(self.x, ("127.0.0.1", 47001), lambda w: w.publish("/t", wire.TEXT, "v", 1, 9)),
            frame(self.x, ("127.0.0.1", 47001), lambda w: w.heartbeat(5, 6, True)),
        ]
        for target in (self.a, key_node):
            for i in range(600):
                g = goods[i % 3]
                buf = bytearray(g)
                if i % 5 == 0:
                    buf = bytearray(rand(0, 255) for _ in range(rand(0, 80)))
                for _ in range(rand(1, 4)):
                    if buf:
                        buf[rand(0, len(buf) - 1)] ^= 1 << rand(0, 7)
                if buf and i % 2:
                    buf = buf[: rand(0, len(buf))]
                target.on_datagram(bytes(buf), self.src, i, i % 7 == 0)
                target.tick(i)
            self.assertEqual(target.stats.get("ERROR", 0), 0)


class ScoutTest(unittest.TestCase):
    def test_should_meet_by_scouting_alone(self):
        net = Net()
        a, ra = net.add("motor-1", 47001, scout=True)
        b, rb = net.add("motor-2", 47002, scout=True, subs=("/knob",))
        a.publish("/knob", wire.INTEGER, 42, 0)
        net.run(0, 1000)
        self.assertEqual(ra.events, [("joined", "motor-2")])
        self.assertEqual(rb.events[:2], [("joined", "motor-1"), ("message", "motor-1", "/knob", 42)])
        scouted = [d for s, t, d in net.sent if t[0] == SCOUT_GROUP]
        self.assertTrue(scouted and all(kind(d) == wire.HELLO for d in scouted))

    def test_should_answer_many_newcomers_with_one_beacon(self):
        net = Net()
        a, ra = net.add("motor-1", 47001, scout=True)
        net.run(0, 3000)
        mark = len(net.sent)
        for i in range(10):
            net.add("new-%d" % i, 47100 + i, scout=True, now=3000)
        net.run(3000, 3600)
        from_a = [d for s, t, d in net.sent[mark:] if s[1] == 47001]
        self.assertEqual(len(from_a), 1, "one aggregated beacon, no unicast answers")
        self.assertEqual(len(a.peers), 10)
        self.assertTrue(all(len(n.peers) == 10 for n in net.nodes.values()))

    def test_should_scale_the_beacon_interval_with_the_room(self):
        net = Net()
        net.record = False
        # 20 nodes (30 need more heap than the unix port's test runner has)
        nodes = [net.add("m-%d" % i, 47100 + i, scout=True)[0] for i in range(20)]
        net.run(0, 5000, 20)
        self.assertTrue(all(len(n.peers) == 19 for n in nodes))
        group = (SCOUT_GROUP, SCOUT)
        before, by = net.to.get(group, 0), net.by[47100]
        net.run(5000, 65000, 20)
        beacons = net.to[group] - before
        # about 10 beacons/s for the whole room: I = 2 s for each of 20
        self.assertTrue(400 <= beacons <= 800, beacons)
        self.assertEqual(nodes[0]._hello_body(False).beacon_ms, 2000)
        per_node = (net.by[47100] - by) / 60
        self.assertTrue(per_node < 1, per_node)
        self.assertTrue(all(len(n.peers) == 19 for n in nodes), "no false loss")

    def test_should_lose_no_one_at_10_percent_loss_for_a_minute(self):
        net = Net(5)
        rand = Rand(11)
        a, ra = net.add("motor-1", 47001, scout=True)
        b, rb = net.add("motor-2", 47002, scout=True, subs=("/knob",))
        c, rc = net.add("motor-3", 47003, scout=True, subs=())
        net.run(0, 2000)
        net.drop = lambda s, d, data: rand.chance(10)
        for now in range(2000, 62000, 10):
            if now % 5000 == 0:
                a.publish("/knob", wire.INTEGER, now, now)
            for n in (a, b, c):
                n.tick(now)
            net.deliver(now)
        for r in (ra, rb, rc):
            self.assertEqual([e for e in r.events if e[0] == "lost"], [])

    def test_should_contact_gossiped_peers_only_when_scouting_is_silent(self):
        net = Net()
        a, ra = net.add("motor-1", 47001, scout=True, subs=())
        b, rb = net.add("motor-2", 47002, scout=True)
        net.run(0, 1500)
        listed = [("0badcafe0009", "far", "10.0.0.9", 47009)]
        x = Node("motor-x", "motor", 1, lambda d, t: None, 47009)
        a._asked[("127.0.0.1", 47009)] = 1500  # x answers at an address we chose: its gossip counts
        h = wire.Hello("motor-x", "motor", 47009, None, listed)
        a.on_datagram(frame(x, ("127.0.0.1", 47001), lambda w: w.hello(h)), ("127.0.0.1", 47009), 1500)
        self.assertFalse(("10.0.0.9", 47009) in a.search.targets, "scouting works here: met by beacons")
        a.scout.heard_ms = -40000
        h.name = "motor-x"
        a.on_datagram(frame(x, ("127.0.0.1", 47001), lambda w: w.hello(h)), ("127.0.0.1", 47009), 1600)
        self.assertTrue(("10.0.0.9", 47009) in a.search.targets)

    def test_should_say_in_its_hello_whether_it_answers_dns_sd(self):
        sent = []
        n = Node("m", "motor", 1, lambda d, t: sent.append((bytes(d), t)), 47000, scout_port=SCOUT, dnssd=True)
        n.tick(0)
        hello = decode(sent[0][0]).body
        self.assertEqual(sent[0][1], (SCOUT_GROUP, SCOUT))
        self.assertEqual((hello.dnssd, hello.reply_requested, hello.beacon_ms, hello.protocol_version), (True, True, 1000, wire.PROTOCOL))

    def test_should_be_found_at_a_new_address(self):
        net = Net()
        a, ra = net.add("motor-1", 47001, scout=True)
        b, rb = net.add("motor-2", 47002, scout=True)
        net.run(0, 1500)
        self.assertEqual(a.peers[b.id].addr, ("127.0.0.1", 47002))
        net.move(b, ("10.0.0.9", 47002))
        b.on_address(1510)
        net.run(1510, 1600)
        self.assertEqual(a.peers[b.id].addr, ("10.0.0.9", 47002))
        self.assertEqual(ra.events, [("joined", "motor-2")])


if __name__ == "__main__":
    unittest.main()

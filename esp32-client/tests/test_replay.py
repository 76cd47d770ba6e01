# Issue 11.2 on the board client: frames replayed by someone who captured them. A frame
# captured on its way to one node must not deliver at another (FRAME.md dest_id), a
# departed peer's Hello and publishes replayed after its Bye must not bring it back, and
# talking to more destinations than the sequence table holds must not reset a live
# peer's window.
import unittest

from motormesh import wire
from tests.test_node import Net, kind


def published(net, src, dst):
    return [d for s, t, d in net.sent if s == src and t == dst and kind(d) == wire.PUBLISH]


class ReplayTest(unittest.TestCase):
    def setUp(self):
        self.net = Net()
        self.pub, _ = self.net.add("motor-p", 47001)
        self.a, self.ra = self.net.add("motor-a", 47002)

    def _meet(self, other, now=0):
        other.contact(("127.0.0.1", 47001), now)
        self.net.run(now, now + 100)

    def test_should_not_deliver_frames_captured_on_their_way_to_another_node(self):
        self._meet(self.a)
        for i in range(10):
            self.pub.publish("/r", wire.INTEGER, i + 1, 100 + i, qos=1)
            self.net.deliver(100 + i)
        to_a = published(self.net, ("127.0.0.1", 47001), ("127.0.0.1", 47002))
        self.assertEqual(len(to_a), 10)
        b, rb = self.net.add("motor-b", 47003, now=200)
        self._meet(b, 200)
        before = len([e for e in rb.events if e[0] == "message"])
        for d in to_a:
            b.on_datagram(d, ("127.0.0.1", 47001), 310)
        got = len([e for e in rb.events if e[0] == "message"]) - before
        print("client, replay to another node: %d of 10 delivered, MISDIRECTED %d" % (got, b.stats.get("MISDIRECTED", 0)))
        self.assertEqual(got, 0)
        self.assertEqual(b.stats.get("MISDIRECTED", 0), 10)

    def test_should_not_bring_back_a_departed_peer_by_replaying_its_hello_and_publishes(self):
        self._meet(self.a)
        for i in range(53):
            self.pub.publish("/r", wire.INTEGER, i + 1, 100 + i, qos=1)
            self.net.deliver(100 + i)
        src, dst = ("127.0.0.1", 47001), ("127.0.0.1", 47002)
        captured = [d for s, t, d in self.net.sent if s == src and t == dst]
        hello = [d for d in captured if kind(d) == wire.HELLO][0]
        self.pub.close(200)
        self.net.deliver(200)
        del self.net.nodes[src]
        self.assertNotIn(self.pub.id, self.a.peers)
        before = len(self.ra.events)
        self.a.on_datagram(hello, src, 210)
        for d in captured:
            if kind(d) == wire.PUBLISH:
                self.a.on_datagram(d, src, 210)
        again = [e for e in self.ra.events[before:] if e[0] == "message"]
        print("client, replay after Bye: back %s, %d re-delivered, REPLAYED %d"
              % (self.pub.id in self.a.peers, len(again), self.a.stats.get("REPLAYED", 0)))
        self.assertNotIn(self.pub.id, self.a.peers)
        self.assertEqual(again, [])
        self.assertTrue(self.a.stats.get("REPLAYED", 0) >= 1)

    def test_should_keep_a_live_peers_series_while_talking_to_many_addresses(self):
        self._meet(self.a)
        for i in range(100):
            self.pub.publish("/r", wire.INTEGER, i, 100)
        self.net.deliver(100)
        stranger, _ = self.net.add("motor-s", 47009)
        for i in range(300):
            # frames from unknown senders at 300 addresses: the node says Hello to each
            stranger._seq.clear()
            w = stranger._begin(("127.0.0.1", 47001))
            w.heartbeat(0, 0)
            data = bytes(w.mv[: w.finish(None)])
            self.pub.on_datagram(data, ("127.1.%d.%d" % (i // 250, i % 250 + 1), 9), 110)
            self.pub.tick(110 + i)
        self.net.queue = [q for q in self.net.queue if q[1] in self.net.nodes]
        self.net.deliver(420)
        n = len(self.ra.events)
        self.pub.publish("/r", wire.INTEGER, 1000, 430)
        self.net.deliver(430)
        print("client, after 300 destinations: delivered %d of 1, REPLAYED %d"
              % (len(self.ra.events) - n, self.a.stats.get("REPLAYED", 0)))
        self.assertEqual(self.ra.events[-1], ("message", "motor-p", "/r", 1000))
        self.assertEqual(self.a.stats.get("REPLAYED", 0), 0)


if __name__ == "__main__":
    unittest.main()

# Issues 11.4 and 11.5 on the board client: addresses the network tells it. Peer
# addresses from DNS-SD answers, gossip, scout frames and strangers are accepted only on
# the node's subnet (loopback on loopback), counted otherwise; a gossiped host name is
# refused and counted, never looked up; a seed given by name is resolved once at start,
# before the loop runs.
import time
import unittest

from motormesh import wire
from motormesh.node import Node, on_subnet
from tests.test_loop import make
from tests.test_node import Net, frame


class SubnetTest(unittest.TestCase):
    def test_should_accept_the_own_subnet_or_loopback_on_loopback(self):
        lan = ("192.168.1.10", 24)
        self.assertTrue(on_subnet("192.168.1.200", lan))
        self.assertFalse(on_subnet("192.168.2.1", lan))
        self.assertFalse(on_subnet("10.0.0.9", lan))
        self.assertFalse(on_subnet("motor-7.local", lan))
        self.assertTrue(on_subnet("127.9.9.9", ("127.0.0.1", 24)))
        self.assertFalse(on_subnet("192.168.1.200", ("127.0.0.1", 24)))

    def test_should_not_contact_discovery_answers_or_gossip_outside_the_subnet(self):
        net = Net()
        a, _ = net.add("motor-1", 47001)
        a.subnet = ("127.0.0.1", 8)
        a.contact(("10.9.9.9", 47000), 0)
        a.contact(("127.0.0.42", 47000), 0)
        self.assertEqual([t[1] for t in a.search.targets.values()], [("127.0.0.42", 47000)])
        x = Node("motor-x", "motor", 1, lambda d, t: None, 47009)
        a._asked[("127.0.0.1", 47009)] = 0  # x answers where we asked: its gossip counts
        listed = [("0badcafe0001", "p", "10.9.9.8", 47000), ("0badcafe0002", "q", "motor-7.local", 47000)]
        h = wire.Hello("motor-x", "motor", 47009, None, listed)
        t0 = time.time()
        a.on_datagram(frame(x, ("127.0.0.1", 47001), lambda w: w.hello(h)), ("127.0.0.1", 47009), 1)
        took = time.time() - t0
        print("client, gossip of a host name: handled in %.3f s, NAME_HOST %d, off_subnet %d"
              % (took, a.stats.get("NAME_HOST", 0), a.stats.get("off_subnet", 0)))
        self.assertEqual((a.stats.get("NAME_HOST"), a.stats.get("off_subnet")), (1, 2))
        self.assertTrue(took < 1)
        self.assertNotIn(("10.9.9.8", 47000), [t[1] for t in a.search.targets.values()])

    def test_should_drop_scout_frames_and_strangers_from_outside_the_subnet(self):
        net = Net()
        a, ra = net.add("motor-1", 47001, scout=True)
        a.subnet = ("192.168.1.10", 24)
        x = Node("motor-x", "motor", 1, lambda d, t: None, 47009)
        h = wire.Hello("motor-x", "motor", 47009)
        a.on_datagram(frame(x, ("224.0.0.224", 47001), lambda w: w.hello(h)), ("10.0.0.9", 47009), 0, True)
        a.on_datagram(frame(x, ("192.168.1.10", 47001), lambda w: w.hello(h)), ("10.0.0.9", 47009), 0)
        self.assertEqual(a.stats.get("off_subnet"), 2)
        self.assertEqual(a.peers, {})
        a.on_datagram(frame(x, ("192.168.1.10", 47001), lambda w: w.hello(h), seq=9), ("192.168.1.20", 47009), 0)
        self.assertEqual([p.name for p in a.peers.values()], ["motor-x"])


class SeedByNameTest(unittest.TestCase):
    def test_should_resolve_a_seed_name_once_at_start(self):
        ctl, _ = make("name-ctl", "controller")
        rx, _ = make("name-rx", "receiver", ["localhost:%d" % ctl.port])
        try:
            targets = [t[1] for t in rx.node.search.targets.values()]
            self.assertEqual(targets, [("127.0.0.1", ctl.port)])
            self.assertEqual(rx.node.subnet, ("127.0.0.1", 24))
        finally:
            ctl.close()
            rx.close()


if __name__ == "__main__":
    unittest.main()

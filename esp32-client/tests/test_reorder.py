# A peer's Hellos reach a node on two sockets (its unicast Hello, its beacon on the scout
# group), so an older one can be read after a newer one. It must not undo the newer one's
# subscriptions: that lost the first QoS 1 publish to a node that had just subscribed.
import unittest

from tests.test_node import Net


class ReorderedHelloTest(unittest.TestCase):
    def test_should_keep_the_newer_hellos_subscriptions_when_an_older_one_arrives_late(self):
        net = Net()
        a, _ = net.add("motor-a", 47001)
        b, _ = net.add("motor-b", 47002)
        b.contact(("127.0.0.1", 47001), 0)
        net.run(0, 100)
        a_addr = ("127.0.0.1", 47001)
        b._now = 400
        b._hello(a_addr, False, b.peers[a.id])  # still says the old subscriptions
        b.subscribe(["/motor/"], 500)  # tells a at once
        net.queue.reverse()  # the newer Hello is read first
        net.deliver(510)
        print("client, older Hello read after a newer one: subscriptions %s, stale_hello %d"
              % (a.peers[b.id].subscriptions, a.stats.get("stale_hello", 0)))
        self.assertEqual(a.peers[b.id].subscriptions, ["/motor/"])
        self.assertEqual(a.stats.get("stale_hello", 0), 1)

        # a step back of more than a minute is the sender's clock wrapping, not a reorder
        b.subscribe(["/late/"], 70000)
        net.deliver(70000)
        b._clock_us = lambda: 1000
        b.subscribe(["/after-wrap/"], 70010)
        net.deliver(70010)
        self.assertEqual(a.peers[b.id].subscriptions, ["/after-wrap/"])


if __name__ == "__main__":
    unittest.main()

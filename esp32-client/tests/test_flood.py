# Issue 11.3 on the board client, over real loopback sockets: a flood of Hellos from
# made-up ids (anyone can send them from a spoofed source) must keep the peer table
# bounded and never make the node send that source more bytes than it received.
import socket
import unittest

from motormesh import wire
from motormesh.compat import randint
from tests.test_loop import make, steps

HELLOS = 2000


def stranger_hello(i, port):
    f = wire.Frame("f10d%08x" % i, 1, 1, i + 1, wire.HELLO, wire.Hello("x", "", port, [""], None, True))
    return wire.encode(f, wire.Key("loop-test-key"))


class FloodTest(unittest.TestCase):
    def test_should_stay_bounded_and_never_answer_strangers_with_more_than_they_sent(self):
        node_loop, _ = make("flood-t", "controller")
        friend, _ = make("flood-f", "receiver", ["127.0.0.1:%d" % node_loop.port])
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        port = randint(40000, 45000)  # the unix port has no getsockname()
        s.bind(socket.getaddrinfo("127.0.0.1", port, 0, socket.SOCK_DGRAM)[0][-1])
        s.setblocking(False)
        to = socket.getaddrinfo("127.0.0.1", node_loop.port, 0, socket.SOCK_DGRAM)[0][-1]
        sent = back = peak = 0
        try:
            self.assertTrue(steps((node_loop, friend), lambda: node_loop.node.live_peers()))
            n = node_loop.node
            for t in ("/SM/a/angle", "/SM/b/angle", "/LEGO/c"):
                n.publish(t, wire.TEXT, "a value long enough to be worth reflecting, " + t, n._now)
            for i in range(HELLOS):
                d = stranger_hello(i, port)
                s.sendto(d, to)
                sent += len(d)
                node_loop.step()
                if i % 50 == 0:
                    friend.step()
                peak = max(peak, len(n.peers))
                back += self._drain(s)
            for _ in range(40):
                node_loop.step()
                friend.step()
                back += self._drain(s)
            print("client flood of %d stranger Hellos: peak peer table %d, bytes in %d, bytes back %d (%.2fx), %s"
                  % (HELLOS, peak, sent, back, back / sent,
                     dict((k, v) for k, v in n.stats.items() if k in ("TABLE_FULL", "reply_capped", "unverified_evicted"))))
            self.assertTrue(back <= sent, "bytes back %d > bytes in %d" % (back, sent))
            self.assertTrue(peak <= n.max_peers)
            self.assertIn("flood-f", [p.name for p in n.live_peers()], "the real peer survived")
        finally:
            s.close()
            node_loop.close()
            friend.close()

    def _drain(self, s):
        got = 0
        while True:
            try:
                got += len(s.recv(2048))
            except OSError:
                return got


if __name__ == "__main__":
    unittest.main()

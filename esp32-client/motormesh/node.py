# node: the mesh peer logic (FRAME.md): peer table with leases, heartbeats, topic
# subscriptions, publish, QoS 1 ack/retransmit/dedup, replay window, stats.
# No sockets and no clock: the loop passes `now` in ms and a send(datagram, addr).
import binascii
import hashlib
from .compat import const
from . import wire
from .wire import HELLO, HEARTBEAT, PUBLISH, ACK, BYE, QOS_ACKED

HEARTBEAT_MS = const(250)
LEASE_MS = const(1000)
_RETRY_MS = const(100)
_RETRY_MAX_MS = const(1600)
_CONTACT_MS = const(1000)
_CONTACT_TRIES = const(5)
_DEDUP = const(32)
_WINDOW = const(64)
_MAX_PEERS = const(32)
_REPEATS = const(3)  # FRAME.md: the last QoS 0 value of a quiet topic goes out 3 more times
_MAX_LATEST = const(16)


def node_id(name):
    # first 6 bytes of SHA-256 of the UTF-8 name, lower-case hex (as the Java node)
    return binascii.hexlify(hashlib.sha256(name.encode()).digest()[:6]).decode()


class Window:
    # 64-entry sliding window over seq, as a ring of bits: no allocation per frame.
    def __init__(self):
        self.top = 0
        self.bits = bytearray(_WINDOW // 8)

    def _bit(self, seq):
        return seq % _WINDOW >> 3, 1 << (seq & 7)

    def fresh(self, seq):
        if seq > self.top:
            return True
        if self.top - seq >= _WINDOW:
            return False
        i, m = self._bit(seq)
        return not self.bits[i] & m

    def mark(self, seq):
        if seq > self.top:
            if seq - self.top >= _WINDOW:
                for i in range(len(self.bits)):
                    self.bits[i] = 0
            else:
                for s in range(self.top + 1, seq):
                    i, m = self._bit(s)
                    self.bits[i] &= ~m
            self.top = seq
        i, m = self._bit(seq)
        self.bits[i] |= m


class Peer:
    def __init__(self, nid, addr, epoch):
        self.node_id = nid
        self.addr = addr
        self.name = ""
        self.role = ""
        self.subscriptions = []
        self.live = False
        self.rtt_us = -1
        self.last_ms = 0
        self._restart(epoch)

    def _restart(self, epoch):
        # a new boot epoch of this sender: a rejoin, so its per-sender state starts over
        self.epoch = epoch
        self.window = Window()
        self.topics = {}
        self.seen = []
        self.echo_us = 0
        self.echo_at_ms = 0

    def wants(self, topic):
        for s in self.subscriptions:
            if topic.startswith(s):
                return True
        return False


class Listener:
    # What a node reports; apps and the host runner override what they need.
    def on_peer_joined(self, peer):
        pass

    def on_peer_lost(self, peer):
        pass

    def on_message(self, peer, pub):
        pass


class Node:
    # Not thread safe: owned by the loop that calls on_datagram() and tick().
    def __init__(self, name, role, boot_epoch, send, key=None, listener=None, subscriptions=(), clock_us=None, nid=None):
        self.name = name
        self.role = role
        self.id = nid or node_id(name)
        self.epoch = boot_epoch
        self.port = 0
        self.host = ""
        self.key = wire.Key(key) if key else None
        self.listener = listener or Listener()
        self.subscriptions = list(subscriptions)
        self.peers = {}
        self.stats = {}
        self.send = send
        self._clock_us = clock_us
        self._now = 0
        self._w = wire.Writer()
        self._seq = {}
        self._mid = 0
        self._pending = []  # [peer id, message id, topic, vkind, value, due, gap]
        self._latest = {}  # topic -> [message id, vkind, value, last sent ms, repeats left] (QoS 0)
        self._contacts = {}  # addr -> [due, tries left (-1: forever)]
        self._next_hb = 0

    def count(self, what):
        self.stats[what] = self.stats.get(what, 0) + 1

    def _us(self):
        return self._clock_us() if self._clock_us else self._now * 1000

    # Sending

    def _begin(self, addr):
        s = self._seq.get(addr, 0) + 1
        self._seq[addr] = s
        self._w.begin(self.id, self.epoch, s, self._us())
        return self._w

    def _flush(self, addr):
        n = self._w.finish(self.key)
        self.count("tx")
        self.send(self._w.mv[:n], addr)

    def _hello(self, addr, reply_requested):
        h = wire.Hello(self.name, self.role, self.port, self.subscriptions, None, reply_requested)
        for p in self.peers.values():
            if p.live and p.addr != addr and len(h.peers) < 16:
                h.peers.append((p.node_id, p.name, p.addr[0], p.addr[1]))
        self._begin(addr).hello(h)
        self._flush(addr)

    def contact(self, addr, now, forever=False):
        # a peer address from mDNS, a seed or gossip: Hello it until it answers
        for p in self.peers.values():
            if p.live and p.addr == addr:
                return
        if addr not in self._contacts:
            self._contacts[addr] = [now, -1 if forever else _CONTACT_TRIES]

    def publish(self, topic, vkind, value, now, qos=0):
        # sends to every live peer subscribed to a prefix of topic; returns how many
        self._now = now
        self._mid += 1
        n = 0
        for p in self.peers.values():
            if p.live and p.wants(topic):
                self._publish_to(p, topic, vkind, value, qos, self._mid)
                if qos == QOS_ACKED:
                    self._pending.append([p.node_id, self._mid, topic, vkind, value, now + _RETRY_MS, _RETRY_MS])
                n += 1
        if qos != QOS_ACKED and n:
            # FRAME.md: repeat the last QoS 0 value of a topic once it goes quiet
            e = self._latest.get(topic)
            if e is None:
                if len(self._latest) >= _MAX_LATEST:
                    return n
                e = self._latest[topic] = [0, 0, None, 0, 0]
            e[0] = self._mid
            e[1] = vkind
            e[2] = value
            e[3] = now
            e[4] = _REPEATS
        return n

    def _publish_to(self, p, topic, vkind, value, qos, mid):
        self._begin(p.addr).publish(topic, vkind, value, qos, mid)
        self._flush(p.addr)

    def subscribe(self, prefixes, now):
        # replaces the subscriptions and tells every live peer
        self._now = now
        self.subscriptions = list(prefixes)
        for p in self.peers.values():
            if p.live:
                self._hello(p.addr, False)

    def close(self, now):
        # Bye to every live peer
        self._now = now
        for p in self.peers.values():
            if p.live:
                self._begin(p.addr).bye()
                self._flush(p.addr)
                p.live = False

    # Receiving

    def on_datagram(self, data, addr, now):
        # one received datagram; a bad one is counted and dropped, never raised
        self._now = now
        self.count("rx")
        try:
            fr = wire.decode(data, self.key)
        except wire.Drop as e:
            self.count(e.args[0])
            return
        if fr.sender_id == self.id:
            self.count("OWN_FRAME")
            return
        p = self.peers.get(fr.sender_id)
        if p is None:
            if fr.kind != HELLO or len(self.peers) >= _MAX_PEERS:
                self.count("UNEXPECTED")
                self.contact(addr, now)
                return
            p = Peer(fr.sender_id, addr, fr.boot_epoch)
        if not self._replay_ok(p, fr):
            return
        p.last_ms = now
        p.addr = addr
        p.echo_us = fr.sent_time_us
        p.echo_at_ms = now
        k = fr.kind
        if k == HELLO:
            self._on_hello(p, fr.body, addr, now)
        elif k == HEARTBEAT:
            hb = fr.body
            if hb.echo_time_us:
                p.rtt_us = self._us() - hb.echo_time_us - hb.echo_delay_us
        elif k == PUBLISH:
            self._on_publish(p, fr)
        elif k == ACK:
            self._on_ack(p, fr.body)
        elif k == BYE:
            self._lose(p)

    def _replay_ok(self, p, fr):
        # FRAME.md step 6: boot epoch, then the 64-entry window
        if fr.boot_epoch < p.epoch:
            self.count("STALE_EPOCH")
            return False
        if fr.boot_epoch > p.epoch:
            p._restart(fr.boot_epoch)
            self.count("rejoin")
        if not p.window.fresh(fr.seq):
            self.count("REPLAYED")
            return False
        p.window.mark(fr.seq)
        return True

    def _on_hello(self, p, h, addr, now):
        p.name = h.name
        p.role = h.role
        p.subscriptions = h.subscriptions
        if h.port != addr[1]:
            self.count("hello_port_mismatch")
        self._contacts.pop(addr, None)
        new = not p.live
        if new:
            p.live = True
            self.peers[p.node_id] = p
            self.count("joined")
            self.listener.on_peer_joined(p)
        for nid, name, host, port in h.peers:
            if nid != self.id and nid not in self.peers and host and port:
                self.contact((host, port), now)
        if h.reply_requested or new:
            # a new peer's Hello may predate our latest subscriptions: answer it too
            self._hello(addr, False)

    def _on_publish(self, p, fr):
        pub = fr.body
        if pub.qos == QOS_ACKED:
            self._begin(p.addr).ack(pub.message_id, fr.sent_time_us)
            self._flush(p.addr)
            if pub.message_id in p.seen:
                self.count("duplicate")
                return
            p.seen.append(pub.message_id)
            if len(p.seen) > _DEDUP:
                p.seen.pop(0)
        else:
            # latest value: never an older or repeated message id for this topic
            last = p.topics.get(pub.topic)
            if last is not None and pub.message_id <= last:
                self.count("stale_value")
                return
            p.topics[pub.topic] = pub.message_id
        self.count("delivered")
        self.listener.on_message(p, pub)

    def _on_ack(self, p, ack):
        for i in range(len(self._pending)):
            e = self._pending[i]
            if e[0] == p.node_id and e[1] == ack.message_id:
                del self._pending[i]
                self.count("acked")
                return

    def _lose(self, p):
        self.peers.pop(p.node_id, None)
        if p.live:
            p.live = False
            self.count("lost")
            self._pending = [e for e in self._pending if e[0] != p.node_id]
            self.listener.on_peer_lost(p)

    # Time

    def tick(self, now):
        # heartbeats, lease sweep, retransmissions, contacts; returns the next due time
        self._now = now
        if now >= self._next_hb:
            self._next_hb = now + HEARTBEAT_MS
            for p in self.peers.values():
                if p.live:
                    delay = (now - p.echo_at_ms) * 1000 if p.echo_us else 0
                    self._begin(p.addr).heartbeat(p.echo_us, delay)
                    self._flush(p.addr)
            self._repeat_latest(now)
        for p in list(self.peers.values()):
            if now - p.last_ms > LEASE_MS:
                self._lose(p)
        due = self._next_hb
        for e in self._pending:
            if now >= e[5]:
                p = self.peers.get(e[0])
                self.count("retransmit")
                self._publish_to(p, e[2], e[3], e[4], QOS_ACKED, e[1])
                e[6] = min(e[6] * 2, _RETRY_MAX_MS)
                e[5] = now + e[6]
            due = min(due, e[5])
        for addr in list(self._contacts):
            c = self._contacts[addr]
            if now >= c[0]:
                self._hello(addr, True)
                c[0] = now + _CONTACT_MS
                if c[1] > 0:
                    c[1] -= 1
                    if c[1] == 0:
                        del self._contacts[addr]
            due = min(due, c[0])
        return due

    def _repeat_latest(self, now):
        for topic in list(self._latest):
            e = self._latest[topic]
            if now - e[3] >= HEARTBEAT_MS:
                for p in self.peers.values():
                    if p.live and p.wants(topic):
                        self._publish_to(p, topic, e[1], e[2], 0, e[0])
                e[3] = now
                e[4] -= 1
                if e[4] <= 0:
                    del self._latest[topic]

    def live_peers(self):
        return [p for p in self.peers.values() if p.live]

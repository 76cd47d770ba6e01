# peers: what a node knows of one peer (address, subscriptions, leases, replay and
# duplicate windows), and the bounded sliding window they are made of.
from .compat import const

_SEQ_WINDOW = const(64)  # FRAME.md step 6
_DEDUP_WINDOW = const(512)  # QoS 1 message ids: 10 s at 50 msgs/s
MAX_TOPICS = const(32)  # QoS 0 gate entries per peer; one is evicted (counted) past that
MAX_TOPIC_BYTES = const(2048)  # and their topics' length in all: 32 topics of 1 KB would fill a board
MIN_MEMBER_LEASE_MS = const(3000)
MAX_BEACON_MS = const(60000)  # a Hello's beacon_ms above this counts as this: leases stay finite
PARTNER_LEASE_MS = const(1000)


class Window:
    # A sliding window of `size` (a multiple of 8) over increasing numbers, as a ring
    # of bits: fresh(n) is False for a number already seen or `size` or more below the
    # highest. No allocation per number.
    def __init__(self, size=_SEQ_WINDOW):
        self.size = size
        self.top = 0
        self.bits = bytearray(size // 8)

    def fresh(self, n):
        if n > self.top:
            return True
        if self.top - n >= self.size:
            return False
        n %= self.size
        return not self.bits[n >> 3] & (1 << (n & 7))

    def mark(self, n):
        size = self.size
        bits = self.bits
        if n > self.top:
            if n - self.top >= size:
                for i in range(len(bits)):
                    bits[i] = 0
            else:
                for s in range(self.top + 1, n):
                    s %= size
                    bits[s >> 3] &= ~(1 << (s & 7))
            self.top = n
        n %= size
        bits[n >> 3] |= 1 << (n & 7)


def matches(prefixes, topic):
    for s in prefixes:
        if topic.startswith(s):
            return True
    return False


class Peer:
    def __init__(self, nid, addr, epoch):
        self.node_id = nid
        self.addr = addr
        self.name = ""
        self.role = ""
        self.subscriptions = []
        self.beacon_ms = 0
        self.dnssd = False
        self.live = False
        self.rtt_us = -1
        self.last_ms = 0  # last valid frame heard
        self.sent_ms = 0  # last frame sent to it
        self.heard_scout = False  # ever heard on the scout socket (else it gets beacons by unicast)
        self.scout_window = Window()
        self.bye = False
        # not yet proved to receive at addr (it may be a spoofed source): what we send it
        # is limited to the bytes it sent us (credit) until it echoes a send time of ours
        self.verified = False
        self.credit = 0
        self.sent_us = 0  # send times of the last two frames we sent it
        self.sent_us2 = 0
        self.held = None  # frames over its budget, sent in order once it is verified (at most 4)
        self._restart(epoch)

    def _restart(self, epoch):
        # a new boot epoch of this sender: a rejoin, so its per-sender state starts over
        self.epoch = epoch
        self.window = Window()
        self.scout_window = Window()
        self.topics = {}
        self.topic_bytes = 0
        self.seen = None  # QoS 1 ids, a Window made on the first one
        self.echo_us = 0
        self.echo_at_ms = 0
        self.hello_us = 0  # sent_time_us of the last Hello taken from it
        self.feeds_us = False  # it delivered a Publish we subscribe to: a partner
        self.fed = False  # we published a topic it subscribes to: keep-alives go to it
        self.probe_ms = 0
        self.keepalives = 0

    def wants(self, topic):
        return matches(self.subscriptions, topic)

    def lease_ms(self):
        if self.feeds_us:
            return PARTNER_LEASE_MS
        b = self.beacon_ms
        b = 1000 if b < 1000 else MAX_BEACON_MS if b > MAX_BEACON_MS else b
        return max(MIN_MEMBER_LEASE_MS, 4 * b)

    def fresh_value(self, topic, mid):
        # QoS 0 gate: True (and remembered) when mid is above the last delivered;
        # returns None when the topic table was full and its oldest entry evicted
        t = self.topics
        last = t.get(topic)
        if last is not None and mid <= last:
            return False
        evicted = False
        if last is None:
            self.topic_bytes += len(topic)
            while t and (len(t) >= MAX_TOPICS or self.topic_bytes > MAX_TOPIC_BYTES):
                # any entry: MicroPython's dicts keep no order (a stale value may then pass once)
                for k in t:
                    del t[k]
                    self.topic_bytes -= len(k)
                    break
                evicted = True
        else:
            del t[topic]
        t[topic] = mid
        return None if evicted else True

    def first_delivery(self, mid):
        # QoS 1 dedup over a 512-id window per (sender, epoch)
        if self.seen is None:
            self.seen = Window(_DEDUP_WINDOW)
        if not self.seen.fresh(mid):
            return False
        self.seen.mark(mid)
        return True

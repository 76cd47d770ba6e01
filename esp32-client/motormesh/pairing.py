# pairing: pairing without a laptop. A controller held on PAIR announces itself on
# /SM/pair (QoS 0, the ms left) for 10 s; a receiver that hears it holds the offer, and
# a PAIR press takes it. Only the node's publish API; offers that are not a time are
# dropped and counted.
from .compat import const
from . import wire

PAIR_TOPIC = "/SM/pair"
_PAIR_MS = const(10000)
_EVERY_MS = const(500)


class Pairing:
    def __init__(self, node, drops):
        self.node = node
        self.drops = drops
        self.until = 0  # controller: announcing until then
        self.offer = None  # receiver: (controller name, until)
        self._next = 0

    def announce(self, now):
        self.until = now + _PAIR_MS
        self._next = now

    def stop(self):
        self.until = 0
        self.offer = None

    def active(self):
        return self.until or self.offer

    def left_s(self, now):
        return (self.until - now + 999) // 1000

    def poll(self, now):
        # announces while due, forgets an old offer; returns the next due time
        if self.offer and now >= self.offer[1]:
            self.offer = None
        if not self.until:
            return now + _EVERY_MS
        if now >= self.until:
            self.until = 0
        elif now >= self._next:
            self._next = now + _EVERY_MS
            self.node.publish(PAIR_TOPIC, wire.INTEGER, self.until - now, now)
        return self._next

    def on_offer(self, peer, pub, now, follow):
        # True when this is a new offer to show
        v = pub.value
        if pub.vkind != wire.INTEGER or type(v) is not int or not 0 < v <= _PAIR_MS or not peer.name:
            self.drops.add("pair")
            return False
        if peer.name == follow:
            return False  # already paired with it
        self.offer = (peer.name, now + v)
        return True

    def take(self):
        # the offered controller's name (None without an offer)
        o = self.offer
        self.offer = None
        return o[0] if o else None

# apps: what a Smart Motor does on the mesh: the controller (knob -> its angle topic),
# the receiver (a controller's angle topic -> servo) and the status display.
from .compat import const
from .node import Listener
from . import wire

_MIN_GAP_MS = const(20)  # at most 50 publishes per second
_DISPLAY_MS = const(200)


def angle_topic(name):
    return "/SM/%s/angle" % name


class App(Listener):
    # role "controller", "receiver" or "node"; echo(line) reports events (host runner)
    def __init__(self, node, motor, role, follow="", echo=None):
        self.node = node
        self.motor = motor
        self.role = role
        self.follow = follow
        self.echo = echo
        self.topic = angle_topic(node.name)
        self.last = "-"
        self._sent = None
        self._sent_at = -_MIN_GAP_MS
        self._shown_at = -_DISPLAY_MS
        self._dirty = True
        self.link = "no link"
        if role == "receiver":
            node.subscriptions = [angle_topic(follow) if follow else "/SM/"]
        node.listener = self

    def _say(self, line):
        if self.echo:
            self.echo(line)

    def step(self, now):
        # reads the knob and refreshes the display; returns the next due time
        due = now + _DISPLAY_MS
        if self.role == "controller":
            a = self.motor.knob()
            if a != self._sent:
                if now - self._sent_at >= _MIN_GAP_MS:
                    n = self.node.publish(self.topic, wire.INTEGER, a, now)
                    self._sent = a
                    self._sent_at = now
                    self.last = str(a)
                    self._dirty = True
                    self._say("published %s %d to %d" % (self.topic, a, n))
                else:
                    due = self._sent_at + _MIN_GAP_MS
        if self._dirty and now - self._shown_at >= _DISPLAY_MS:
            self._shown_at = now
            self._dirty = False
            self.motor.show(self.status())
        return due

    def status(self):
        n = len(self.node.live_peers())
        return [self.node.name, self.role, "peers %d" % n, "last %s" % self.last, self.link]

    def _links(self):
        n = len(self.node.live_peers())
        self.link = "mesh ok" if n else "no link"
        self._dirty = True

    def on_peer_joined(self, peer):
        self._links()
        self._say("joined %s %s %s:%d" % (peer.name, peer.node_id, peer.addr[0], peer.addr[1]))

    def on_peer_lost(self, peer):
        self._links()
        self._say("lost %s %s" % (peer.name, peer.node_id))

    def on_message(self, peer, pub):
        v = pub.value
        self.last = str(v)
        self._dirty = True
        self._say("message %s %s %r" % (peer.name, pub.topic, v))
        if self.role != "receiver" or not pub.topic.endswith("/angle"):
            return
        if self.follow and pub.topic != angle_topic(self.follow):
            return
        if pub.vkind in (wire.INTEGER, wire.NUMBER):
            self.motor.set_angle(v)
            self._say("servo %d" % self.motor.angle)

# apps: what a Smart Motor does on the mesh: the controller (knob -> its angle topic),
# the receiver (a controller's angle topic -> servo; its own set topic -> servo, held a
# while), the buttons (role, pairing) and the status screen. Values that are not angles
# are dropped and counted, never raised.
from .board import HOLD, PAIR, PRESS, ROLE
from .compat import const
from .node import Listener
from .pairing import PAIR_TOPIC, Pairing
from . import wire

_MIN_GAP_MS = const(20)  # at most 50 publishes per second
_DISPLAY_MS = const(200)
_BUTTON_MS = const(20)  # buttons are polled this often
_SET_HOLD_MS = const(3000)  # after a set (a dashboard's slider), the followed angle waits
ANY = ""  # follow: every controller; None: nobody (a board not yet paired)


def angle_topic(name):
    return "/SM/%s/angle" % name


def set_topic(name):
    # one motor's servo, set directly (the dashboard's slider); receivers only
    return "/SM/%s/set" % name


class Drops:
    # values dropped by the receiver, by reason (text, bool, NaN, out of range)
    def __init__(self):
        self.total = 0
        self.why = {}
        self.last = ""

    def add(self, why):
        self.total += 1
        self.why[why] = self.why.get(why, 0) + 1
        self.last = why


def bad_angle(vkind, v):
    # None for an angle 0-180, else why not
    if vkind != wire.INTEGER and vkind != wire.NUMBER:
        return "kind"
    t = type(v)
    if t is not int and t is not float:
        return "type"
    if v != v:
        return "nan"
    if v < 0 or v > 180:
        return "range"
    return None


class App(Listener):
    # role "controller", "receiver" or "node"; follow a controller's name, ANY or None;
    # echo(line) reports events (host runner); settings (settings.Settings) keeps what
    # the buttons chose
    def __init__(self, node, motor, role, follow=ANY, echo=None, settings=None):
        self.node = node
        self.motor = motor
        self.echo = echo
        self.settings = settings
        self.topic = angle_topic(node.name)
        self.set_topic = set_topic(node.name)
        self._set_at = -_SET_HOLD_MS
        self.drops = Drops()
        self.ip = ""
        self.last = None
        self.link = "no link"
        self.reach = 0  # receivers the last publish went to
        self.note = ""
        self._now = 0
        self._sent = None
        self._sent_at = -_MIN_GAP_MS
        self._shown_at = -_DISPLAY_MS
        self._buttons_at = 0
        self._dirty = True
        self.pairing = Pairing(node, self.drops)
        self.role = role
        self.follow = follow
        self._follow_topic = None
        node.listener = self
        self._apply(role, follow, None)
        if role == "receiver" and motor.angle is None:
            motor.set_angle(90)  # a receiver starts at the middle (not again on a restart)

    def _say(self, fmt, args):
        # formats only when someone listens (no allocation per message on the board)
        if self.echo:
            self.echo(fmt % args)

    def _subs(self):
        if self.role != "receiver":
            return []
        if self.follow is None:
            return [PAIR_TOPIC, self.set_topic]
        if self.follow == ANY:
            return ["/SM/"]
        return [self._follow_topic, PAIR_TOPIC, self.set_topic]

    def _apply(self, role, follow, now):
        self.role = role
        self.follow = follow
        self._follow_topic = angle_topic(follow) if follow else None
        if now is None:
            self.node.subscriptions = self._subs()
        else:
            self.node.subscribe(self._subs(), now)
        self._dirty = True

    def _save(self):
        if self.settings:
            try:
                self.settings.save(self.role, self.follow)
            except OSError as e:
                self._say("settings not saved: %s", e)

    # Time

    def step(self, now):
        # buttons, knob, pairing and the display; returns the next due time
        self._now = now
        due = now + _DISPLAY_MS
        if now - self._buttons_at >= _BUTTON_MS:
            self._buttons_at = now
            for i, e in self.motor.buttons(now):
                self.on_button(i, e, now)
        due = min(due, self._buttons_at + _BUTTON_MS)
        if self.pairing.active():
            due = min(due, self.pairing.poll(now))
            self._dirty = True  # the countdown, or the offer going
        if self.role == "controller":
            due = min(due, self._control(now))
        if self._dirty and now - self._shown_at >= _DISPLAY_MS:
            self._shown_at = now
            self._dirty = False
            self.motor.show(self.status())
        return due

    def _control(self, now):
        due = now + _DISPLAY_MS
        a = self.motor.knob()
        if a != self._sent:
            if now - self._sent_at >= _MIN_GAP_MS:
                n = self.node.publish(self.topic, wire.INTEGER, a, now)
                self._sent = a
                self._sent_at = now
                self.last = a
                self.reach = n
                self._dirty = True
                self._say("published %s %d to %d", (self.topic, a, n))
            else:
                due = self._sent_at + _MIN_GAP_MS
        return due

    # Buttons

    def on_button(self, i, event, now):
        self._dirty = True
        if i == ROLE and event == HOLD:
            role = "receiver" if self.role == "controller" else "controller"
            self.pairing.stop()
            self._apply(role, self.follow, now)
            self._save()
            if role == "receiver":
                self.motor.set_angle(90)
            self.note = "now " + role
            self._say("role %s", role)
        elif i == PAIR and self.role == "controller" and event == HOLD:
            self.pairing.announce(now)
            self.pairing.poll(now)
            self.note = ""
            self._say("pairing %d s", self.pairing.left_s(now))
        elif i == PAIR and self.role == "receiver" and event == PRESS and self.pairing.offer:
            name = self.pairing.take()
            self._apply("receiver", name, now)
            self._save()
            self.note = "paired!"
            self._say("paired %s", name)
        elif i == PAIR and self.role == "receiver" and event == HOLD:
            self._apply("receiver", None, now)
            self._save()
            self.note = "unpaired"
            self._say("unpaired", ())

    # Screen

    def status(self):
        # name, address, role, peers, partner, last value (6 lines of 16 characters)
        now = self._now
        lines = [self.node.name, self.ip or "no address", self.role, "peers %d %s" % (len(self.node.live_peers()), self.link)]
        last = "-" if self.last is None else str(self.last)
        if self.drops.total:
            last += " bad %d" % self.drops.total
        if self.role == "controller":
            if self.pairing.until:
                lines.append("PAIRING %ds" % self.pairing.left_s(now))
                lines.append("press PAIR on rx")
                return lines
            lines.append("to %d receivers" % self.reach)
        elif self.role == "receiver":
            if self.pairing.offer:
                lines.append("pair %s?" % self.pairing.offer[0])
                lines.append("press PAIR now")
                return lines
            f = self.follow
            lines.append("not paired" if f is None else "follows any" if f == ANY else "> " + f)
        lines.append(self.note or "last " + last)
        return lines

    # Node events

    def _links(self):
        n = len(self.node.live_peers())
        self.link = "ok" if n else "no link"
        self._dirty = True

    def on_peer_joined(self, peer):
        self._links()
        self._say("joined %s %s %s:%d", (peer.name, peer.node_id, peer.addr[0], peer.addr[1]))

    def on_peer_lost(self, peer):
        self._links()
        self._say("lost %s %s", (peer.name, peer.node_id))

    def on_message(self, peer, pub):
        topic = pub.topic
        if self.role != "receiver":
            return
        if topic == PAIR_TOPIC:
            self._on_pair(peer, pub)
            return
        if topic == self.set_topic:
            if self._move(peer, pub):
                self._set_at = self._now
                self.note = "set %d" % self.motor.angle
            return
        if not topic.endswith("/angle"):
            return
        if self._follow_topic is not None and topic != self._follow_topic:
            return
        if self.follow is None or self._now - self._set_at < _SET_HOLD_MS:
            return
        if self._move(peer, pub):
            self.note = ""

    def _move(self, peer, pub):
        # the servo to a valid angle (True), else the value dropped and counted
        topic = pub.topic
        v = pub.value
        why = bad_angle(pub.vkind, v)
        if why:
            self.drops.add(why)
            self._dirty = True
            self._say("dropped %s %s: %s", (peer.name, topic, why))
            return False
        self.motor.set_angle(v)
        self.last = self.motor.angle
        self._dirty = True
        self._say("servo %d", self.motor.angle)
        return True

    def _on_pair(self, peer, pub):
        if self.pairing.on_offer(peer, pub, self._now, self.follow):
            self._dirty = True
            self._say("pair offer %s", peer.name)

# dnssd: DNS-SD discovery for _motormesh._udp.local.: the responder (RFC 6762 probe, announce, answer,
# goodbye) and the one-shot querier, without sockets: time is passed in and packets
# to send are appended to `out` as (bytes, addr), addr None meaning the mDNS group.
from .compat import const, randint
from . import dnscodec as mdns
from .dnscodec import A, PTR, SRV, TXT, ANY, RESPONSE, SERVICE, Message, Record, key

_IDLE = const(0)
_PROBING = const(1)
_ANNOUNCING = const(2)
_READY = const(3)
_PROBE_MS = const(250)
_ANNOUNCE_MS = const(1000)
_TTL_HOST = const(120)
_TTL_OTHER = const(4500)
_NEVER = const(1 << 29)
_QUERY_MAX_MS = const(30000)


class Responder:
    # Owns one service instance. Not thread safe: owned by the node loop.
    def __init__(self, name, ip, port, txt, rand=randint):
        self.base = name
        self.name = name
        self.ip = ip
        self.port = port
        self.txt = [("%s=%s" % kv).encode() for kv in txt]
        self._rand = rand
        self._tries = 1
        self.state = _IDLE
        self.due = _NEVER
        self._count = 0
        self._answer_due = _NEVER
        self._answer = None
        self.renamed = 0

    def _names(self):
        return (self.name,) + SERVICE, (self.name, "local")

    def records(self, ttl_scale=1):
        inst, host = self._names()
        return (
            Record(SERVICE, PTR, _TTL_OTHER * ttl_scale, inst),
            Record(inst, SRV, _TTL_HOST * ttl_scale, (0, 0, self.port, host), True),
            Record(inst, TXT, _TTL_OTHER * ttl_scale, self.txt, True),
            Record(host, A, _TTL_HOST * ttl_scale, self.ip, True),
        )

    def start(self, now):
        self.state = _PROBING
        self._count = 0
        self.due = now + self._rand(0, _PROBE_MS)

    def ready(self):
        return self.state == _READY

    def poll(self, now, out):
        # sends what is due at `now`; returns the time of the next due event
        if self.state != _IDLE and now >= self.due:
            if self.state == _PROBING:
                if self._count < 3:
                    self._probe(out)
                    self._count += 1
                    self.due = now + _PROBE_MS
                else:
                    self.state = _ANNOUNCING
                    self._count = 0
            if self.state == _ANNOUNCING and now >= self.due:
                self._announce(out)
                self._count += 1
                self.due = now + _ANNOUNCE_MS
                if self._count == 2:
                    self.state = _READY
                    self.due = _NEVER
        if self._answer is not None and now >= self._answer_due:
            out.append((mdns.build(self._answer), None))
            self._answer = None
            self._answer_due = _NEVER
        return min(self.due, self._answer_due)

    def _probe(self, out):
        inst, host = self._names()
        m = Message()
        m.questions = [(inst, ANY, self._count == 0), (host, ANY, self._count == 0)]
        m.authority = list(self.records()[1:])
        out.append((mdns.build(m), None))

    def _announce(self, out):
        m = Message(0, RESPONSE)
        m.answers = list(self.records())
        out.append((mdns.build(m), None))

    def goodbye(self):
        # the records with TTL 0, for a clean shutdown (only once announced)
        if self.state in (_IDLE, _PROBING):
            return None
        m = Message(0, RESPONSE)
        m.answers = list(self.records(0))
        self.state = _IDLE
        return mdns.build(m)

    def on_message(self, m, src, now, out):
        # a parsed packet from src (ip, port); answers queries, detects conflicts
        if m.is_response():
            if self.state != _IDLE and self._conflicts(m):
                self._rename(now)
            return
        if self.state < _ANNOUNCING:
            # probing: the names are not ours yet
            return
        legacy = src[1] != mdns.PORT
        recs = self.records()
        shared, unique, unicast = self._matches(m, recs)
        if not shared and not unique:
            return
        if shared and self._known(m):
            shared = False
            if not unique:
                return
        r = Message(m.id if legacy else 0, RESPONSE)
        if shared:
            r.answers.append(recs[0])
        r.answers.extend(unique)
        r.additional = [x for x in recs[1:] if x not in r.answers]
        if legacy:
            r.questions = m.questions
            out.append((mdns.build(r, True), src))
        elif unicast:
            out.append((mdns.build(r), src))
        elif shared:
            # RFC 6762 §6: a shared answer waits 20-120 ms
            if self._answer is None:
                self._answer = r
                self._answer_due = now + self._rand(20, 120)
        else:
            out.append((mdns.build(r), None))

    def _matches(self, m, recs):
        shared = False
        unique = []
        unicast = False
        for labels, qtype, qu in m.questions:
            k = key(labels)
            hit = False
            if k == key(SERVICE) and qtype in (PTR, ANY):
                shared = hit = True
            for r in recs[1:]:
                if k == key(r.name) and qtype in (r.rtype, ANY) and r not in unique:
                    unique.append(r)
                    hit = True
            unicast = unicast or (hit and qu)
        return shared, unique, unicast

    def _known(self, m):
        # known-answer suppression for our PTR (RFC 6762 §7.1)
        inst = key((self.name,) + SERVICE)
        for r in m.answers:
            if r.rtype == PTR and key(r.data) == inst and r.ttl >= _TTL_OTHER // 2:
                return True
        return False

    def _conflicts(self, m):
        mine = self.records()[1:]
        for r in m.answers + m.additional:
            for o in mine:
                if r.rtype == o.rtype and key(r.name) == key(o.name) and r.ttl > 0:
                    if not _same_data(r, o):
                        return True
        return False

    def _rename(self, now):
        # motor-3 -> motor-3-2 -> motor-3-3 ..., then probe again
        self._tries += 1
        self.renamed += 1
        self.name = "%s-%d" % (self.base, self._tries)
        self._answer = None
        self.start(now)


def _same_data(a, b):
    if a.rtype == SRV:
        return a.data[2] == b.data[2] and key(a.data[3]) == key(b.data[3])
    if a.rtype == TXT:
        return list(a.data) == list(b.data)
    return a.data == b.data


class Querier:
    # One-shot PTR queries on a backoff schedule: at start, then 1 s, 2 s, ... 30 s.
    def __init__(self, unicast=False):
        self.due = 0
        self._gap = 1000
        self._unicast = unicast
        self._id = randint(1, 0xFFFF)

    def poll(self, now, out):
        if now >= self.due:
            m = Message(self._id)
            m.questions = [(SERVICE, PTR, self._unicast)]
            out.append((mdns.build(m), None))
            self.due = now + self._gap
            self._gap = min(self._gap * 2, _QUERY_MAX_MS)
        return self.due

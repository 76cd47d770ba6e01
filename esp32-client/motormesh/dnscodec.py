# dnscodec: DNS messages (RFC 1035/6762) with name compression and bounded parsing, and
# the _motormesh._udp service records they carry. Every field is hostile input.
import struct
from .compat import const

A = const(1)
PTR = const(12)
TXT = const(16)
SRV = const(33)
ANY = const(255)
_IN = const(1)
_TOP = const(0x8000)  # cache-flush in records, unicast-response (QU) in questions
RESPONSE = const(0x8400)  # QR + AA
PORT = const(5353)
GROUP = "224.0.0.251"

_MAX_MSG = const(9000)
_MAX_LABEL = const(63)
_MAX_NAME = const(255)
_MAX_JUMPS = const(16)
_MAX_ENTRIES = const(64)
_LEGACY_TTL = const(10)

SERVICE = ("_motormesh", "_udp", "local")


def key(labels):
    # names compare case-insensitively
    return ".".join(labels).lower()


class Record:
    # data: A "a.b.c.d"; PTR labels; SRV (priority, weight, port, target labels);
    # TXT [bytes]; None for other types
    def __init__(self, name, rtype, ttl, data, flush=False):
        self.name = name
        self.rtype = rtype
        self.ttl = ttl
        self.data = data
        self.flush = flush


class Message:
    def __init__(self, qid=0, flags=0):
        self.id = qid
        self.flags = flags
        self.questions = []  # (labels, qtype, unicast)
        self.answers = []
        self.authority = []
        self.additional = []

    def is_response(self):
        return bool(self.flags & 0x8000)


# Building


class _Builder:
    def __init__(self):
        self.buf = bytearray(12)
        self.names = {}

    def name(self, labels):
        b = self.buf
        for i in range(len(labels)):
            k = key(labels[i:])
            off = self.names.get(k)
            if off is not None:
                b.extend(struct.pack(">H", 0xC000 | off))
                return
            if len(b) < 0x3FFF:
                self.names[k] = len(b)
            lab = labels[i].encode()
            if not 0 < len(lab) <= _MAX_LABEL:
                raise ValueError("label length")
            b.append(len(lab))
            b.extend(lab)
        b.append(0)

    def record(self, r, legacy):
        self.name(r.name)
        cls = _IN | (_TOP if r.flush and not legacy else 0)
        ttl = min(r.ttl, _LEGACY_TTL) if legacy else r.ttl
        self.buf.extend(struct.pack(">HHIH", r.rtype, cls, ttl, 0))
        start = len(self.buf)
        d = r.data
        if r.rtype == A:
            self.buf.extend(bytes(int(x) for x in d.split(".")))
        elif r.rtype == PTR:
            self.name(d)
        elif r.rtype == SRV:
            self.buf.extend(struct.pack(">HHH", d[0], d[1], d[2]))
            self.name(d[3])
        elif r.rtype == TXT:
            for s in d:
                self.buf.append(len(s))
                self.buf.extend(s)
        struct.pack_into(">H", self.buf, start - 2, len(self.buf) - start)


def build(m, legacy=False):
    # bytes of a Message; legacy=True caps TTLs and drops cache-flush (RFC 6762 §6.7)
    w = _Builder()
    struct.pack_into(
        ">HHHHHH",
        w.buf,
        0,
        m.id,
        m.flags,
        len(m.questions),
        len(m.answers),
        len(m.authority),
        len(m.additional),
    )
    for labels, qtype, unicast in m.questions:
        w.name(labels)
        w.buf.extend(struct.pack(">HH", qtype, _IN | (_TOP if unicast else 0)))
    for section in (m.answers, m.authority, m.additional):
        for r in section:
            w.record(r, legacy)
    return bytes(w.buf)


# Parsing: every read is bounded; names are read by a loop with backward-only pointers.


def read_name(b, p):
    # -> (labels tuple, position after the name where it started)
    labels = []
    size = 0
    jumps = 0
    after = -1
    floor = p  # a pointer must point before the segment being read: no loops
    n = len(b)
    while True:
        if p >= n:
            raise ValueError("name past end")
        c = b[p]
        if c >= 0xC0:
            if p + 1 >= n:
                raise ValueError("pointer past end")
            target = (c & 0x3F) << 8 | b[p + 1]
            if after < 0:
                after = p + 2
            if target >= floor:
                raise ValueError("pointer not backwards")
            jumps += 1
            if jumps > _MAX_JUMPS:
                raise ValueError("too many pointers")
            p = floor = target
            continue
        if c > _MAX_LABEL:
            raise ValueError("label type")
        p += 1
        if c == 0:
            return tuple(labels), (after if after >= 0 else p)
        if p + c > n:
            raise ValueError("label past end")
        size += c + 1
        if size > _MAX_NAME:
            raise ValueError("name too long")
        labels.append(str(b[p : p + c], "utf-8"))
        p += c


def _rdata(b, rtype, p, end):
    if rtype == A:
        if end - p != 4:
            raise ValueError("A length")
        return "%d.%d.%d.%d" % (b[p], b[p + 1], b[p + 2], b[p + 3])
    if rtype == PTR:
        name, q = read_name(b, p)
        if q > end:
            raise ValueError("PTR past rdata")
        return name
    if rtype == SRV:
        if end - p < 7:
            raise ValueError("SRV length")
        prio, weight, port = struct.unpack_from(">HHH", b, p)
        name, q = read_name(b, p + 6)
        if q > end:
            raise ValueError("SRV past rdata")
        return (prio, weight, port, name)
    if rtype == TXT:
        out = []
        while p < end:
            c = b[p]
            if p + 1 + c > end:
                raise ValueError("TXT past rdata")
            out.append(bytes(b[p + 1 : p + 1 + c]))
            p += 1 + c
        return out
    return None


def parse(b):
    # -> Message; raises ValueError on anything malformed or absurd
    n = len(b)
    if n < 12:
        raise ValueError("short header")
    if n > _MAX_MSG:
        raise ValueError("too large")
    qid, flags, qd, an, ns, ar = struct.unpack_from(">HHHHHH", b, 0)
    if qd + an + ns + ar > _MAX_ENTRIES:
        raise ValueError("absurd counts")
    m = Message(qid, flags)
    p = 12
    for _ in range(qd):
        name, p = read_name(b, p)
        if p + 4 > n:
            raise ValueError("question past end")
        qtype, qclass = struct.unpack_from(">HH", b, p)
        p += 4
        m.questions.append((name, qtype, bool(qclass & _TOP)))
    for count, section in ((an, m.answers), (ns, m.authority), (ar, m.additional)):
        for _ in range(count):
            name, p = read_name(b, p)
            if p + 10 > n:
                raise ValueError("record past end")
            rtype, rclass, ttl, rdlen = struct.unpack_from(">HHIH", b, p)
            p += 10
            if p + rdlen > n:
                raise ValueError("rdata past end")
            section.append(Record(name, rtype, ttl, _rdata(b, rtype, p, p + rdlen), bool(rclass & _TOP)))
            p += rdlen
    return m


def _text(b):
    # TXT bytes as text, or None when not UTF-8
    try:
        return b.decode()
    except ValueError:
        return None


def services(m, src_ip=None, count=None):
    # -> [(instance, ip, port, txt dict, ttl)] for every _motormesh SRV in a response;
    # a TXT entry that is not UTF-8 and an SRV with port 0 are skipped (count(reason))
    recs = m.answers + m.additional + m.authority
    addr = {}
    txt = {}
    for r in recs:
        if r.rtype == A:
            addr[key(r.name)] = r.data
        elif r.rtype == TXT:
            d = {}
            for s in r.data:
                k, _, v = s.partition(b"=")
                k = _text(k)
                v = _text(v)
                if k is None or v is None:
                    if count:
                        count("mdns_bad_text")
                    continue
                d[k] = v
            txt[key(r.name)] = d
    out = []
    for r in recs:
        if r.rtype == SRV and len(r.name) == 4 and key(r.name[1:]) == key(SERVICE):
            if not r.data[2]:
                if count:
                    count("BAD_PORT")
                continue
            k = key(r.name)
            ip = addr.get(key(r.data[3]), src_ip)
            out.append((r.name[0], ip, r.data[2], txt.get(k, {}), r.ttl))
    return out

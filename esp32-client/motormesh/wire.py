# wire: motormesh v1 frames (proto/FRAME.md): header, protobuf body, HMAC-SHA256 tag.
import hashlib
import struct
from .compat import const

MAX_FRAME = const(1200)
VERSION = const(1)
_HEADER = const(4)
_TAG = const(16)
_SIGNED = const(1)
_MAGIC = const(0x4D)
_BLOCK = const(64)

# Frame body kinds (the Frame field numbers)
HELLO = const(10)
HEARTBEAT = const(11)
PUBLISH = const(12)
ACK = const(13)
BYE = const(14)

# Value kinds (the Value field numbers)
INTEGER = const(1)
NUMBER = const(2)
TEXT = const(3)
BOOLEAN = const(4)
DATA = const(5)
JSON = const(6)

QOS_LATEST = const(0)
QOS_ACKED = const(1)

# protobuf wire types
_VARINT = const(0)
_I64 = const(1)
_LEN = const(2)
_I32 = const(5)

class Drop(Exception):
    # A datagram refused by the checks of FRAME.md; args[0] is the reason name.
    pass


class Frame:
    # One decoded frame. body is a Hello, Heartbeat, Publish or Ack, None for Bye.
    def __init__(self, sender_id="", boot_epoch=0, seq=0, sent_time_us=0, kind=0, body=None):
        self.sender_id = sender_id
        self.boot_epoch = boot_epoch
        self.seq = seq
        self.sent_time_us = sent_time_us
        self.kind = kind
        self.body = body


class Hello:
    def __init__(self, name="", role="", port=0, subscriptions=None, peers=None, reply_requested=False):
        self.name = name
        self.role = role
        self.port = port
        self.protocol_version = VERSION
        self.subscriptions = subscriptions or []
        # (node_id, name, host, port) tuples
        self.peers = peers or []
        self.reply_requested = reply_requested
        self.channel = ""
        self.priority = 0


class Heartbeat:
    def __init__(self, echo_time_us=0, echo_delay_us=0):
        self.echo_time_us = echo_time_us
        self.echo_delay_us = echo_delay_us


class Publish:
    # vkind is a Value kind (INTEGER ... JSON), 0 when the Value is absent
    def __init__(self, topic="", vkind=0, value=None, qos=QOS_LATEST, message_id=0, from_channel=False):
        self.topic = topic
        self.vkind = vkind
        self.value = value
        self.qos = qos
        self.message_id = message_id
        self.from_channel = from_channel


class Ack:
    def __init__(self, message_id=0, echo_time_us=0):
        self.message_id = message_id
        self.echo_time_us = echo_time_us


class Key:
    # HMAC-SHA256 (RFC 2104) keyed once, with the pads precomputed.
    def __init__(self, key):
        if isinstance(key, str):
            key = key.encode()
        if len(key) > _BLOCK:
            key = hashlib.sha256(key).digest()
        ipad = bytearray(_BLOCK)
        opad = bytearray(_BLOCK)
        for i in range(_BLOCK):
            k = key[i] if i < len(key) else 0
            ipad[i] = k ^ 0x36
            opad[i] = k ^ 0x5C
        self._ipad = bytes(ipad)
        self._opad = bytes(opad)

    def digest(self, data):
        h = hashlib.sha256(self._ipad)
        h.update(data)
        h2 = hashlib.sha256(self._opad)
        h2.update(h.digest())
        return h2.digest()


def same_tag(a, b):
    # constant time: looks at every byte whatever differs
    if len(a) != len(b):
        return False
    d = 0
    for i in range(len(a)):
        d |= a[i] ^ b[i]
    return d == 0


class Writer:
    # Encodes frames into one reusable buffer: no allocation beyond the caller's strings.
    def __init__(self):
        self.buf = bytearray(MAX_FRAME)
        self.mv = memoryview(self.buf)
        self.pos = 0

    def _byte(self, b):
        if self.pos >= MAX_FRAME:
            raise ValueError("frame too large")
        self.buf[self.pos] = b
        self.pos += 1

    def _varint(self, v):
        if v < 0:
            v &= 0xFFFFFFFFFFFFFFFF
        while v > 0x7F:
            self._byte((v & 0x7F) | 0x80)
            v >>= 7
        self._byte(v)

    def _raw(self, data):
        n = len(data)
        p = self.pos
        if p + n > MAX_FRAME:
            raise ValueError("frame too large")
        self.mv[p : p + n] = data
        self.pos = p + n

    def uint(self, field, v):
        if v:
            self._byte(field << 3)
            self._varint(v)

    def bytes(self, field, data, always=False):
        # str or bytes; the caller may pass topics already encoded to save an allocation
        if data or always:
            if isinstance(data, str):
                data = data.encode()
            self._byte(field << 3 | _LEN)
            self._varint(len(data))
            self._raw(data)

    def open(self, field):
        # starts a nested message; returns the mark that close() needs
        self._byte(field << 3 | _LEN)
        self._byte(0)
        return self.pos

    def close(self, mark):
        n = self.pos - mark
        if n < 0x80:
            self.buf[mark - 1] = n
            return
        # a long nested message: make room for a 2-byte length (bodies < 16384)
        self._byte(0)
        self.buf[mark + 1 : self.pos] = self.buf[mark : self.pos - 1]
        self.buf[mark - 1] = (n & 0x7F) | 0x80
        self.buf[mark] = n >> 7

    def begin(self, sender_id, boot_epoch, seq, sent_time_us):
        # header (flags patched by finish) and the Frame's scalar fields
        b = self.buf
        b[0] = _MAGIC
        b[1] = _MAGIC
        b[2] = VERSION
        b[3] = 0
        self.pos = _HEADER
        self.bytes(1, sender_id)
        self.uint(2, boot_epoch)
        self.uint(3, seq)
        self.uint(4, sent_time_us)

    def finish(self, key=None):
        # appends the tag when keyed; returns the datagram length
        if key is None:
            return self.pos
        if self.pos + _TAG > MAX_FRAME:
            raise ValueError("frame too large")
        self.buf[3] = _SIGNED
        tag = key.digest(self.mv[: self.pos])
        self._raw(memoryview(tag)[:_TAG])
        return self.pos

    def value(self, field, vkind, v):
        if not vkind:
            return
        m = self.open(field)
        if vkind == INTEGER:
            self._byte(INTEGER << 3)
            self._varint((v << 1) ^ (v >> 63))
        elif vkind == NUMBER:
            self._byte(NUMBER << 3 | _I64)
            if self.pos + 8 > MAX_FRAME:
                raise ValueError("frame too large")
            struct.pack_into("<d", self.buf, self.pos, v)
            self.pos += 8
        elif vkind == BOOLEAN:
            self._byte(BOOLEAN << 3)
            self._byte(1 if v else 0)
        else:
            self.bytes(vkind, v, True)
        self.close(m)

    def publish(self, topic, vkind, value, qos=0, message_id=0, from_channel=False):
        m = self.open(PUBLISH)
        self.bytes(1, topic)
        self.value(2, vkind, value)
        self.uint(3, qos)
        self.uint(4, message_id)
        self.uint(5, 1 if from_channel else 0)
        self.close(m)

    def heartbeat(self, echo_time_us, echo_delay_us):
        m = self.open(HEARTBEAT)
        self.uint(1, echo_time_us)
        self.uint(2, echo_delay_us)
        self.close(m)

    def ack(self, message_id, echo_time_us):
        m = self.open(ACK)
        self.uint(1, message_id)
        self.uint(2, echo_time_us)
        self.close(m)

    def bye(self):
        self.close(self.open(BYE))

    def hello(self, h):
        m = self.open(HELLO)
        self.bytes(1, h.name)
        self.bytes(2, h.role)
        self.uint(3, h.port)
        self.uint(4, h.protocol_version)
        for s in h.subscriptions:
            self.bytes(5, s, True)
        for node_id, name, host, port in h.peers:
            p = self.open(6)
            self.bytes(1, node_id)
            self.bytes(2, name)
            self.bytes(3, host)
            self.uint(4, port)
            self.close(p)
        self.uint(7, 1 if h.reply_requested else 0)
        self.bytes(8, h.channel)
        self.uint(9, h.priority)
        self.close(m)

    def frame(self, f, key=None):
        # the whole of a decoded Frame; returns the datagram length
        self.begin(f.sender_id, f.boot_epoch, f.seq, f.sent_time_us)
        k = f.kind
        b = f.body
        if k == HELLO:
            self.hello(b)
        elif k == HEARTBEAT:
            self.heartbeat(b.echo_time_us, b.echo_delay_us)
        elif k == PUBLISH:
            self.publish(b.topic, b.vkind, b.value, b.qos, b.message_id, b.from_channel)
        elif k == ACK:
            self.ack(b.message_id, b.echo_time_us)
        elif k == BYE:
            self.bye()
        return self.finish(key)


def encode(f, key=None):
    # a fresh bytes copy of the datagram, for tests and rare frames
    w = Writer()
    return bytes(w.mv[: w.frame(f, key)])


# Decoding: every read is bounded by the datagram; a malformed body raises ValueError.


class _Cursor:
    # Walks the fields of one message in b[p:end]: after next(), f is the field
    # number, t the wire type, and v the value (varint) or a..z the bytes' span.
    def __init__(self, b, p, end):
        self.b = b
        self.p = p
        self.end = end
        self.f = self.t = self.v = self.a = self.z = 0

    def _varint(self):
        # reads at self.p and moves it; no tuple, so no allocation for small values
        b = self.b
        p = self.p
        v = 0
        shift = 0
        while True:
            if p >= self.end or shift > 63:
                raise ValueError("bad varint")
            c = b[p]
            p += 1
            v |= (c & 0x7F) << shift
            if c < 0x80:
                break
            shift += 7
        if v > 0xFFFFFFFFFFFFFFFF:
            raise ValueError("varint > 64 bits")
        self.p = p
        return v

    def next(self):
        if self.p >= self.end:
            return False
        k = self._varint()
        self.f = k >> 3
        t = self.t = k & 7
        if self.f == 0:
            raise ValueError("field 0")
        if t == _VARINT:
            self.v = self._varint()
            return True
        if t == _LEN:
            n = self._varint()
        elif t == _I64:
            n = 8
        elif t == _I32:
            n = 4
        else:
            raise ValueError("wire type")
        p = self.p
        if n > self.end - p:
            raise ValueError("field past end")
        self.a = p
        self.z = self.p = p + n
        return True

    def want(self, t):
        if self.t != t:
            raise ValueError("wire type mismatch")

    def uint(self):
        self.want(_VARINT)
        return self.v

    def str(self):
        self.want(_LEN)
        return str(self.b[self.a : self.z], "utf-8")

    def sub(self):
        self.want(_LEN)
        return _Cursor(self.b, self.a, self.z)


def _decode_value(c, pub):
    pub.vkind = 0
    pub.value = None
    while c.next():
        f = c.f
        if f == INTEGER:
            v = c.uint()
            pub.value = (v >> 1) ^ -(v & 1)
        elif f == NUMBER:
            c.want(_I64)
            pub.value = struct.unpack_from("<d", c.b, c.a)[0]
        elif f == TEXT or f == JSON:
            pub.value = c.str()
        elif f == BOOLEAN:
            pub.value = c.uint() != 0
        elif f == DATA:
            c.want(_LEN)
            pub.value = bytes(c.b[c.a : c.z])
        else:
            continue
        pub.vkind = f


# field number -> (attribute, type) for the scalar fields of each message
_U = const(0)
_S = const(1)
_B = const(2)
_FRAME = {1: ("sender_id", _S), 2: ("boot_epoch", _U), 3: ("seq", _U), 4: ("sent_time_us", _U)}
_HELLO = {
    1: ("name", _S),
    2: ("role", _S),
    3: ("port", _U),
    4: ("protocol_version", _U),
    7: ("reply_requested", _B),
    8: ("channel", _S),
    9: ("priority", _U),
}
_PUBLISH = {1: ("topic", _S), 3: ("qos", _U), 4: ("message_id", _U), 5: ("from_channel", _B)}
_HEARTBEAT = {1: ("echo_time_us", _U), 2: ("echo_delay_us", _U)}
_ACK = {1: ("message_id", _U), 2: ("echo_time_us", _U)}


def _scalar(c, obj, fields):
    # stores the current field in obj when it is one of `fields`; False otherwise
    spec = fields.get(c.f)
    if spec is None:
        return False
    kind = spec[1]
    setattr(obj, spec[0], c.str() if kind == _S else c.uint() != 0 if kind == _B else c.uint())
    return True


def _decode(c, obj, fields):
    # a message made of scalar fields only
    while c.next():
        _scalar(c, obj, fields)
    return obj


def _decode_publish(c):
    pub = Publish()
    while c.next():
        if not _scalar(c, pub, _PUBLISH) and c.f == 2:
            _decode_value(c.sub(), pub)
    return pub


def _decode_peer(c):
    node_id = name = host = ""
    port = 0
    while c.next():
        f = c.f
        if f == 1:
            node_id = c.str()
        elif f == 2:
            name = c.str()
        elif f == 3:
            host = c.str()
        elif f == 4:
            port = c.uint()
    return (node_id, name, host, port)


def _decode_hello(c):
    h = Hello()
    h.protocol_version = 0
    while c.next():
        if _scalar(c, h, _HELLO):
            continue
        if c.f == 5:
            h.subscriptions.append(c.str())
        elif c.f == 6:
            h.peers.append(_decode_peer(c.sub()))
    return h


def decode_body(b, p, end):
    # the protobuf Frame in b[p:end]; raises ValueError when malformed
    fr = Frame()
    c = _Cursor(b, p, end)
    while c.next():
        f = c.f
        if _scalar(c, fr, _FRAME) or not HELLO <= f <= BYE:
            continue
        fr.kind = f
        s = c.sub()
        if f == HELLO:
            fr.body = _decode_hello(s)
        elif f == PUBLISH:
            fr.body = _decode_publish(s)
        elif f == HEARTBEAT:
            fr.body = _decode(s, Heartbeat(), _HEARTBEAT)
        elif f == ACK:
            fr.body = _decode(s, Ack(), _ACK)
        else:
            fr.body = _decode(s, None, {})
    return fr


def decode(data, key=None):
    # Checks a datagram in the order of FRAME.md steps 1-4 and returns its Frame;
    # raises Drop(reason). Steps 5-7 (own frame, replay, lease) belong to the node.
    n = len(data)
    if n > MAX_FRAME:
        raise Drop("OVERSIZED")
    if n < _HEADER:
        raise Drop("TRUNCATED")
    if data[0] != _MAGIC or data[1] != _MAGIC:
        raise Drop("BAD_MAGIC")
    if data[2] != VERSION:
        raise Drop("BAD_VERSION")
    flags = data[3]
    if flags & ~_SIGNED:
        raise Drop("BAD_FLAGS")
    end = n
    if flags & _SIGNED:
        if key is None:
            raise Drop("UNEXPECTED_TAG")
        if n < _HEADER + _TAG:
            raise Drop("TRUNCATED")
        end = n - _TAG
        mv = memoryview(data)
        if not same_tag(memoryview(key.digest(mv[:end]))[:_TAG], mv[end:]):
            raise Drop("BAD_TAG")
    elif key is not None:
        raise Drop("UNSIGNED")
    try:
        fr = decode_body(data, _HEADER, end)
    except (ValueError, IndexError):
        # UnicodeError is a ValueError
        raise Drop("UNPARSEABLE")
    if not fr.sender_id or not fr.seq or not fr.kind:
        raise Drop("INCOMPLETE")
    return fr

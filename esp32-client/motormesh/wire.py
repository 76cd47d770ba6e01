# wire: the motormesh messages (proto/.../motormesh.proto): Frame and its bodies, their
# encoder and decoder; codec.py is the protobuf layer, envelope.py the header and tag.
import struct
from .compat import const
from . import codec, envelope
from .codec import VARINT, I64, LEN
from .envelope import Drop, Key, same_tag, MAX_FRAME, HEADER  # noqa: F401 (the package's API)

PROTOCOL = const(3)  # Hello.protocol_version and TXT v (FRAME.md)

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

MAX_SUBSCRIPTIONS = const(32)  # decoder caps: more is UNPARSEABLE
MAX_PEERS = const(32)
MAX_NAME = const(63)  # a node name (as the Java node's), and a role, at most this long


class Frame:
    # One decoded frame. body is a Hello, Heartbeat, Publish or Ack, None for Bye.
    def __init__(self, sender_id="", boot_epoch=0, seq=0, sent_time_us=0, kind=0, body=None, dest_id=""):
        self.sender_id = sender_id
        self.boot_epoch = boot_epoch
        self.seq = seq
        self.sent_time_us = sent_time_us
        self.kind = kind
        self.body = body
        self.dest_id = dest_id  # the receiver's node id; "" for scout frames and a first-contact Hello


class Hello:
    def __init__(self, name="", role="", port=0, subscriptions=None, peers=None, reply_requested=False, beacon_ms=0, dnssd=False):
        self.name = name
        self.role = role
        self.port = port
        self.protocol_version = PROTOCOL
        self.subscriptions = subscriptions or []
        # (node_id, name, host, port) tuples
        self.peers = peers or []
        self.reply_requested = reply_requested
        self.channel = ""
        self.priority = 0
        self.beacon_ms = beacon_ms
        self.dnssd = dnssd


class Heartbeat:
    def __init__(self, echo_time_us=0, echo_delay_us=0, reply_requested=False):
        self.echo_time_us = echo_time_us
        self.echo_delay_us = echo_delay_us
        self.reply_requested = reply_requested


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


class Writer(codec.Writer):
    # Encodes whole datagrams: begin(), one body, finish(key).
    def __init__(self):
        codec.Writer.__init__(self, MAX_FRAME)

    def begin(self, sender_id, boot_epoch, seq, sent_time_us, dest_id=""):
        self.pos = envelope.header(self.buf)
        self.bytes(1, sender_id)
        self.uint(2, boot_epoch)
        self.uint(3, seq)
        self.uint(4, sent_time_us)
        self.bytes(5, dest_id)

    def pad(self):
        # Frame.padding (field 6): zeros up to a whole frame, so that a first-contact
        # Hello is at least as large as any answer to it (FRAME.md, Strangers)
        room = MAX_FRAME - envelope.TAG - self.pos
        n = room - 2 if room - 2 < 128 else room - 3
        if n > 0:
            self.byte(6 << 3 | LEN)
            self.varint(n)
            buf = self.buf
            for i in range(self.pos, self.pos + n):
                buf[i] = 0
            self.pos += n

    def finish(self, key=None):
        # appends the tag when keyed; returns the datagram length
        return envelope.seal(self, key)

    def value(self, field, vkind, v):
        if not vkind:
            return
        m = self.open(field)
        if vkind == INTEGER:
            self.byte(INTEGER << 3)
            self.varint((v << 1) ^ (v >> 63))
        elif vkind == NUMBER:
            self.byte(NUMBER << 3 | I64)
            if self.pos + 8 > MAX_FRAME:
                raise ValueError("frame too large")
            struct.pack_into("<d", self.buf, self.pos, v)
            self.pos += 8
        elif vkind == BOOLEAN:
            self.byte(BOOLEAN << 3)
            self.byte(1 if v else 0)
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

    def heartbeat(self, echo_time_us, echo_delay_us, reply_requested=False):
        m = self.open(HEARTBEAT)
        self.uint(1, echo_time_us)
        self.uint(2, echo_delay_us)
        self.uint(3, 1 if reply_requested else 0)
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
        self.uint(10, h.beacon_ms)
        self.uint(11, 1 if h.dnssd else 0)
        self.close(m)

    def frame(self, f, key=None):
        # the whole of a decoded Frame; returns the datagram length
        self.begin(f.sender_id, f.boot_epoch, f.seq, f.sent_time_us, f.dest_id)
        k = f.kind
        b = f.body
        if k == HELLO:
            self.hello(b)
        elif k == HEARTBEAT:
            self.heartbeat(b.echo_time_us, b.echo_delay_us, b.reply_requested)
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


# Decoding: one function per message, fields by number; unknown fields are skipped.


def _value(c, pub):
    while c.next():
        f = c.f
        if f == INTEGER:
            v = c.uint()
            pub.value = (v >> 1) ^ -(v & 1)
        elif f == NUMBER:
            c.want(I64)
            pub.value = struct.unpack_from("<d", c.b, c.a)[0]
        elif f == TEXT or f == JSON:
            pub.value = c.str()
        elif f == BOOLEAN:
            pub.value = c.uint() != 0
        elif f == DATA:
            c.want(LEN)
            pub.value = bytes(c.b[c.a : c.z])
        else:
            continue
        pub.vkind = f


def _publish(c):
    pub = Publish()
    while c.next():
        f = c.f
        if f == 1:
            pub.topic = c.str()
        elif f == 2:
            _value(c.sub(), pub)
        elif f == 3:
            pub.qos = c.uint()
        elif f == 4:
            pub.message_id = c.uint()
        elif f == 5:
            pub.from_channel = c.uint() != 0
    return pub


def _heartbeat(c):
    hb = Heartbeat()
    while c.next():
        f = c.f
        if f == 1:
            hb.echo_time_us = c.uint()
        elif f == 2:
            hb.echo_delay_us = c.uint()
        elif f == 3:
            hb.reply_requested = c.uint() != 0
    return hb


def _ack(c):
    a = Ack()
    while c.next():
        if c.f == 1:
            a.message_id = c.uint()
        elif c.f == 2:
            a.echo_time_us = c.uint()
    return a


def _peer(c):
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


def _hello(c):
    h = Hello()
    h.protocol_version = 0
    while c.next():
        f = c.f
        if f == 1:
            h.name = c.str()
            if len(h.name) > MAX_NAME:
                raise ValueError("name too long")
        elif f == 2:
            h.role = c.str()
            if len(h.role) > MAX_NAME:
                raise ValueError("role too long")
        elif f == 3:
            h.port = c.uint()
        elif f == 4:
            h.protocol_version = c.uint()
        elif f == 5:
            if len(h.subscriptions) >= MAX_SUBSCRIPTIONS:
                raise ValueError("too many subscriptions")
            h.subscriptions.append(c.str())
        elif f == 6:
            if len(h.peers) >= MAX_PEERS:
                raise ValueError("too many peers")
            h.peers.append(_peer(c.sub()))
        elif f == 7:
            h.reply_requested = c.uint() != 0
        elif f == 8:
            h.channel = c.str()
        elif f == 9:
            h.priority = c.uint()
        elif f == 10:
            h.beacon_ms = c.uint()
        elif f == 11:
            h.dnssd = c.uint() != 0
    return h


def decode_body(b, p, end):
    # the protobuf Frame in b[p:end]; raises ValueError when malformed
    fr = Frame()
    c = codec.Cursor(b, p, end)
    while c.next():
        f = c.f
        if f == 1:
            fr.sender_id = c.str()
        elif f == 2:
            fr.boot_epoch = c.uint()
        elif f == 3:
            fr.seq = c.uint()
        elif f == 4:
            fr.sent_time_us = c.uint()
        elif f == 5:
            fr.dest_id = c.str()
        elif HELLO <= f <= BYE:
            fr.kind = f
            s = c.sub()
            if f == HEARTBEAT:
                fr.body = _heartbeat(s)
            elif f == PUBLISH:
                fr.body = _publish(s)
            elif f == HELLO:
                fr.body = _hello(s)
            elif f == ACK:
                fr.body = _ack(s)
            else:
                fr.body = None
                while s.next():
                    pass
    return fr


def decode(data, key=None):
    # Checks a datagram in the order of FRAME.md steps 1-4 and returns its Frame;
    # raises Drop(reason). Steps 5-7 (own frame, replay, lease) belong to the node.
    end = envelope.check(data, key)
    try:
        fr = decode_body(data, HEADER, end)
    except (ValueError, IndexError):
        # UnicodeError is a ValueError
        raise Drop("UNPARSEABLE")
    if not fr.sender_id or not fr.seq or not fr.kind:
        raise Drop("INCOMPLETE")
    return fr

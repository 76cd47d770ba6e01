# envelope: the datagram around a Frame (FRAME.md): header, HMAC-SHA256 tag, and the
# receive checks of steps 1-3 with their drop reasons.
import hashlib
from .compat import const

MAX_FRAME = const(1200)
VERSION = const(1)
HEADER = const(4)
TAG = const(16)
SIGNED = const(1)
MAGIC = const(0x4D)
_BLOCK = const(64)


class Drop(Exception):
    # A datagram refused by the checks of FRAME.md; args[0] is the reason name.
    pass


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


def header(buf):
    # writes the header (flags patched by seal); returns where the body starts
    buf[0] = MAGIC
    buf[1] = MAGIC
    buf[2] = VERSION
    buf[3] = 0
    return HEADER


def seal(w, key):
    # appends the tag to the datagram in Writer w when keyed; returns its length
    if key is None:
        return w.pos
    if w.pos + TAG > MAX_FRAME:
        raise ValueError("frame too large")
    w.buf[3] = SIGNED
    w.raw(memoryview(key.digest(w.mv[: w.pos]))[:TAG])
    return w.pos


def check(data, key):
    # FRAME.md steps 1-3; returns the end of the body (the body starts at HEADER)
    n = len(data)
    if n > MAX_FRAME:
        raise Drop("OVERSIZED")
    if n < HEADER:
        raise Drop("TRUNCATED")
    if data[0] != MAGIC or data[1] != MAGIC:
        raise Drop("BAD_MAGIC")
    if data[2] != VERSION:
        raise Drop("BAD_VERSION")
    flags = data[3]
    if flags & ~SIGNED:
        raise Drop("BAD_FLAGS")
    if not flags & SIGNED:
        if key is not None:
            raise Drop("UNSIGNED")
        return n
    if key is None:
        raise Drop("UNEXPECTED_TAG")
    if n < HEADER + TAG:
        raise Drop("TRUNCATED")
    end = n - TAG
    mv = memoryview(data)
    if not same_tag(memoryview(key.digest(mv[:end]))[:TAG], mv[end:]):
        raise Drop("BAD_TAG")
    return end

# codec: protobuf wire format: a writer into one reusable buffer and a bounded field cursor.
from .compat import const
from . import _frame as _early

VARINT = const(0)
I64 = const(1)
LEN = const(2)
I32 = const(5)
_U64 = const(0xFFFFFFFFFFFFFFFF)


class Writer:
    # Encodes into one buffer of `size` bytes: no allocation beyond the caller's strings.
    # Raises ValueError when the message would not fit.
    def __init__(self, size):
        self.size = size
        self.buf = _early.pop() if _early and size == 1200 else bytearray(size)
        self.mv = memoryview(self.buf)
        self.pos = 0

    def give_back(self):
        # the buffer back to the early pool (a node closed: the next one takes it)
        if self.size == 1200 and not _early:
            _early.append(self.buf)

    def byte(self, b):
        if self.pos >= self.size:
            raise ValueError("frame too large")
        self.buf[self.pos] = b
        self.pos += 1

    def varint(self, v):
        if v < 0:
            v &= _U64
        while v > 0x7F:
            self.byte((v & 0x7F) | 0x80)
            v >>= 7
        self.byte(v)

    def raw(self, data):
        n = len(data)
        p = self.pos
        if p + n > self.size:
            raise ValueError("frame too large")
        self.mv[p : p + n] = data
        self.pos = p + n

    def uint(self, field, v):
        if v:
            self.byte(field << 3)
            self.varint(v)

    def bytes(self, field, data, always=False):
        # str or bytes; the caller may pass topics already encoded to save an allocation
        if data or always:
            if isinstance(data, str):
                data = data.encode()
            self.byte(field << 3 | LEN)
            self.varint(len(data))
            self.raw(data)

    def open(self, field):
        # starts a nested message; returns the mark that close() needs
        self.byte(field << 3 | LEN)
        self.byte(0)
        return self.pos

    def close(self, mark):
        n = self.pos - mark
        if n < 0x80:
            self.buf[mark - 1] = n
            return
        # a long nested message: make room for a 2-byte length (bodies < 16384)
        self.byte(0)
        self.buf[mark + 1 : self.pos] = self.buf[mark : self.pos - 1]
        self.buf[mark - 1] = (n & 0x7F) | 0x80
        self.buf[mark] = n >> 7


class Cursor:
    # Walks the fields of one message in b[p:end]: after next(), f is the field
    # number, t the wire type, and v the value (varint) or a..z the bytes' span.
    # Anything malformed raises ValueError (UnicodeError is one).
    def __init__(self, b, p, end):
        self.b = b
        self.p = p
        self.end = end
        self.f = self.t = self.v = self.a = self.z = 0

    def _varint(self):
        # reads at self.p and moves it; no tuple, so no allocation for small values
        b = self.b
        p = self.p
        end = self.end
        v = 0
        shift = 0
        while True:
            if p >= end or shift > 63:
                raise ValueError("bad varint")
            c = b[p]
            p += 1
            v |= (c & 0x7F) << shift
            if c < 0x80:
                break
            shift += 7
        if v > _U64:
            raise ValueError("varint > 64 bits")
        self.p = p
        return v

    def next(self):
        p = self.p
        if p >= self.end:
            return False
        b = self.b
        k = b[p]
        if k < 0x80:  # one-byte keys and values need no call: most of a frame
            self.p = p + 1
        else:
            k = self._varint()
        self.f = k >> 3
        t = self.t = k & 7
        if self.f == 0:
            raise ValueError("field 0")
        p = self.p
        if t == VARINT:
            if p < self.end and b[p] < 0x80:
                self.v = b[p]
                self.p = p + 1
            else:
                self.v = self._varint()
            return True
        if t == LEN:
            if p < self.end and b[p] < 0x80:
                n = b[p]
                self.p = p + 1
            else:
                n = self._varint()
        elif t == I64:
            n = 8
        elif t == I32:
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
        if self.t != VARINT:
            raise ValueError("wire type mismatch")
        return self.v

    def str(self):
        if self.t != LEN:
            raise ValueError("wire type mismatch")
        return str(self.b[self.a : self.z], "utf-8")

    def sub(self):
        if self.t != LEN:
            raise ValueError("wire type mismatch")
        return Cursor(self.b, self.a, self.z)

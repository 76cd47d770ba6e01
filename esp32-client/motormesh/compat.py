# compat: the few names that differ between MicroPython and CPython.
try:
    from micropython import const
except ImportError:

    def const(x):
        return x


import time

try:
    sleep_ms = time.sleep_ms
except AttributeError:

    def sleep_ms(ms):
        time.sleep(ms / 1000)


try:
    ticks_ms = time.ticks_ms
    ticks_diff = time.ticks_diff
except AttributeError:

    def ticks_ms():
        return int(time.monotonic() * 1000)

    def ticks_diff(a, b):
        return a - b


try:
    from os import urandom
except ImportError:
    urandom = None


def randint(lo, hi):
    # lo..hi inclusive; uses os.urandom where the port has it
    if urandom:
        r = urandom(2)
        r = r[0] << 8 | r[1]
    else:
        import random

        r = random.getrandbits(16)
    return lo + r % (hi - lo + 1)


class Clock:
    # A monotonic, non-wrapping millisecond clock built on ticks_ms (which wraps on a
    # device); the only place in the package that reads time.
    def __init__(self):
        self._last = ticks_ms()
        self.ms = 0

    def now(self):
        t = ticks_ms()
        self.ms += ticks_diff(t, self._last)
        self._last = t
        return self.ms

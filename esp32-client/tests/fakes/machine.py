# machine: a recording fake of MicroPython's machine module for host tests. Every
# configuration and output call lands in `calls`; inputs read `levels` and `adc`.
calls = []
LIMIT = 4000  # older calls are dropped past this (a long simulator run)
levels = {}  # pin -> level an input reads (default 1: a released button with pull-up)
adc = {}  # pin -> what read_u16() returns (a list: one value per read, the last one stays)
UID = b"\x24\x0a\xc4\x5e\xb1\x07"
wdt_feeds = [0]


def _rec(*c):
    calls.append(c)
    if len(calls) > LIMIT:
        del calls[: LIMIT // 2]


def clear():
    del calls[:]
    levels.clear()
    adc.clear()
    wdt_feeds[0] = 0


def unique_id():
    return UID


def _id(pin):
    return pin.id if isinstance(pin, Pin) else pin


class Pin:
    IN = 1
    OUT = 3
    OPEN_DRAIN = 7
    PULL_UP = 2
    PULL_DOWN = 1

    def __init__(self, id, mode=-1, pull=-1, value=None):
        self.id = id
        self.mode = mode
        _rec("Pin", id, mode, pull)
        if value is not None:
            self.value(value)

    def value(self, v=None):
        if v is None:
            return levels.get(self.id, 1)
        _rec("Pin.value", self.id, v)
        levels[self.id] = v

    def on(self):
        self.value(1)

    def off(self):
        self.value(0)


class PWM:
    def __init__(self, pin, freq=None, duty_u16=None, duty_ns=None):
        self.pin = _id(pin)
        _rec("PWM", self.pin, freq, duty_u16, duty_ns)

    def freq(self, f=None):
        _rec("PWM.freq", self.pin, f)

    def duty_u16(self, v=None):
        _rec("PWM.duty_u16", self.pin, v)

    def duty_ns(self, v=None):
        _rec("PWM.duty_ns", self.pin, v)

    def deinit(self):
        _rec("PWM.deinit", self.pin)


class ADC:
    ATTN_0DB = 0
    ATTN_2_5DB = 1
    ATTN_6DB = 2
    ATTN_11DB = 3

    def __init__(self, pin, atten=None):
        self.pin = _id(pin)
        _rec("ADC", self.pin, atten)

    def atten(self, a):
        _rec("ADC.atten", self.pin, a)

    def read_u16(self):
        v = adc.get(self.pin, 0)
        if isinstance(v, list):
            return v.pop(0) if len(v) > 1 else v[0]
        return v

    def read(self):
        return self.read_u16() >> 4


class I2C:
    def __init__(self, id, scl=None, sda=None, freq=400000):
        _rec("I2C", id, _id(scl), _id(sda), freq)


class WDT:
    def __init__(self, id=0, timeout=5000):
        _rec("WDT", timeout)

    def feed(self):
        wdt_feeds[0] += 1

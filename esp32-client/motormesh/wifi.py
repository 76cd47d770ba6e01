# wifi: station mode with power saving off (low latency); reconnects by itself.
from .compat import const

_RETRY_MS = const(5000)


class Wifi:
    def __init__(self, ssid, password):
        import network

        self.ssid = ssid
        self.password = password
        self.w = network.WLAN(network.STA_IF)
        self.w.active(True)
        try:
            self.w.config(pm=self.w.PM_NONE)
        except (AttributeError, ValueError):
            pass
        self._next = 0

    def up(self, sleep_ms, timeout_ms=20000):
        # blocks until connected (or raises OSError); returns the IPv4 address
        if not self.w.isconnected():
            self.w.connect(self.ssid, self.password)
        waited = 0
        while not self.w.isconnected():
            if waited >= timeout_ms:
                raise OSError("Wi-Fi %r: no connection after %d ms" % (self.ssid, timeout_ms))
            sleep_ms(100)
            waited += 100
        return self.w.ifconfig()[0]

    def poll(self, now):
        # called from the loop: a dropped link is retried every 5 s
        if not self.w.isconnected() and now >= self._next:
            self._next = now + _RETRY_MS
            try:
                self.w.connect(self.ssid, self.password)
            except OSError:
                pass
        return now + _RETRY_MS

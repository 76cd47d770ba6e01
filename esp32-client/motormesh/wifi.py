# wifi: station mode with power saving off (low latency). Never blocks and never gives
# up: the supervisor polls it with a message on the screen; the firmware reconnects by
# itself and poll() asks again every 5 s; a new address ends the run (AddressChanged) so
# the sockets are opened again on it.
from .compat import const

_RETRY_MS = const(5000)
_RESTART_MS = const(20000)


class AddressChanged(Exception):
    pass


class Wifi:
    def __init__(self, network, ssid, password, hostname=""):
        self.net = network
        self.ssid = ssid
        self.password = password
        if hostname:
            try:
                network.hostname(hostname)  # the firmware's mDNS answers NAME.local
            except (AttributeError, OSError, ValueError):
                pass
        self.w = network.WLAN(network.STA_IF)
        self.w.active(True)
        try:
            self.w.config(pm=self.w.PM_NONE)
        except (AttributeError, ValueError, OSError):
            pass
        self.ip = None
        self._next = 0
        self._asked = None

    def connected(self):
        return self.w.isconnected()

    def address(self):
        return self.w.ifconfig()[0]

    def why(self):
        # the link state in words a student can read out
        n = self.net
        try:
            s = self.w.status()
        except (AttributeError, OSError):
            return "connecting"
        if s == getattr(n, "STAT_WRONG_PASSWORD", -100):
            return "wrong password"
        if s == getattr(n, "STAT_NO_AP_FOUND", -100):
            return "network not found"
        return "connecting"

    def try_connect(self, now):
        # asks the firmware to connect, again after 20 s of nothing; True once connected
        if self.w.isconnected():
            return True
        if self._asked is None or now - self._asked >= _RESTART_MS:
            self._asked = now
            try:
                self.w.disconnect()
            except (AttributeError, OSError):
                pass
            try:
                self.w.connect(self.ssid, self.password)
            except OSError:
                pass
        return False

    def poll(self, now):
        # called from the loop, acts every 5 s: a dropped link is asked again, a new
        # address raises AddressChanged
        if now < self._next:
            return self._next
        self._next = now + _RETRY_MS
        if not self.w.isconnected():
            try:
                self.w.connect(self.ssid, self.password)
            except OSError:
                pass
        elif self.ip is not None and self.address() != self.ip:
            raise AddressChanged("new address %s" % self.address())
        return self._next

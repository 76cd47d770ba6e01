# network: a recording fake of MicroPython's network module (station only). The link
# comes up after STATE["polls"] calls of isconnected() once connect() was called.
STA_IF = 0
AP_IF = 1
STAT_IDLE = 1000
STAT_CONNECTING = 1001
STAT_GOT_IP = 1010
STAT_NO_AP_FOUND = 201
STAT_WRONG_PASSWORD = 202
calls = []
STATE = {"polls": 0, "ip": "127.0.0.1", "status": STAT_CONNECTING, "down": False}


def clear():
    del calls[:]
    STATE.update(polls=0, ip="127.0.0.1", status=STAT_CONNECTING, down=False)


def hostname(name=None):
    calls.append(("hostname", name))


class WLAN:
    PM_NONE = 0
    PM_PERFORMANCE = 1
    PM_POWERSAVE = 2

    def __init__(self, iface=STA_IF):
        calls.append(("WLAN", iface))
        self._asked = False
        self._polls = 0

    def active(self, v=None):
        calls.append(("active", v))
        return True

    def config(self, **kw):
        calls.append(("config", kw))

    def connect(self, ssid, password):
        calls.append(("connect", ssid, password))
        self._asked = True

    def disconnect(self):
        calls.append(("disconnect",))

    def isconnected(self):
        if not self._asked or STATE["down"]:
            return False
        self._polls += 1
        return self._polls > STATE["polls"]

    def status(self):
        return STATE["status"]

    def ifconfig(self):
        ip = STATE["ip"]
        return (ip, "255.255.255.0", ip, ip)

# config: one validated settings record (Wi-Fi, name, role, group key, static peers)
# with named defaults, and the boot epoch counter kept in flash. Only ssid and password
# are needed: an empty name is filled in from the chip id by the board.
import json

ROLES = ("controller", "receiver", "node")
MDNS_MODES = ("auto", "responder", "query", "off")
DEFAULT_PORT = 47000
_DEFAULTS = {
    "ssid": "",
    "password": "",
    "name": "",
    "role": "receiver",
    "group_key": "",
    "peers": [],
    "follow": "",
    "iface": "",
    "port": DEFAULT_PORT,
    "mdns": "auto",
    "epoch_file": "epoch",
    "watchdog": 30,  # seconds without a loop turn before the board resets; 0: off
}


class Config:
    def __init__(self, **kw):
        for k in kw:
            if k not in _DEFAULTS:
                raise ValueError("unknown setting %r" % k)
        for k, v in _DEFAULTS.items():
            setattr(self, k, kw.get(k, v))
        self.peers = [parse_peer(p) for p in self.peers]
        if not isinstance(self.name, str) or len(self.name) > 63 or "." in self.name:
            raise ValueError("name must be up to 63 characters without dots, not %r" % self.name)
        if self.role not in ROLES:
            raise ValueError("role must be one of %s, not %r" % ("|".join(ROLES), self.role))
        if self.mdns not in MDNS_MODES:
            raise ValueError("mdns must be one of %s, not %r" % ("|".join(MDNS_MODES), self.mdns))
        if not 0 <= int(self.port) <= 65535:
            raise ValueError("port must be 0-65535, not %r" % self.port)
        self.port = int(self.port)
        if not isinstance(self.watchdog, int) or not (self.watchdog == 0 or 5 <= self.watchdog <= 600):
            raise ValueError("watchdog must be 0 (off) or 5-600 seconds, not %r" % self.watchdog)

    def mesh_role(self):
        # the DNS-SD / Hello role word
        return "node" if self.role == "node" else "motor"


def parse_peer(text):
    # "HOST:PORT" -> (host, port)
    if isinstance(text, tuple):
        return text
    host, sep, port = text.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError("peer must be HOST:PORT, not %r" % text)
    return (host, int(port))


def load(path="motormesh.json"):
    # OSError when the file is missing; ValueError (quoting what is wrong) when it is not
    # a JSON object of known settings
    with open(path) as f:
        text = f.read()
    try:
        d = json.loads(text)
    except ValueError:
        raise ValueError("not valid JSON (check the quotes and commas)")
    if not isinstance(d, dict):
        raise ValueError("not a JSON object { ... }")
    return Config(**d)


def boot_epoch(path, now_s=0):
    # strictly greater on every boot: the stored counter + 1, or the wall clock in
    # seconds when that is larger (a host whose state file was lost)
    try:
        with open(path) as f:
            last = int(f.read().strip() or 0)
    except (OSError, ValueError):
        last = 0
    epoch = max(last + 1, int(now_s))
    with open(path, "w") as f:
        f.write("%d\n" % epoch)
    return epoch

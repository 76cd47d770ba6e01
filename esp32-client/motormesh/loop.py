# loop: the one non-blocking loop over select.poll: the mesh UDP socket, the mDNS
# socket (responder on 5353, else one-shot queries from an ephemeral port), the app.
import select
import socket
import sys

from .compat import const, randint
from . import mdns
from .dnssd import Querier, Responder

_MAX_READS = const(16)
_MAX_WAIT_MS = const(250)
_IP_MULTICAST_TTL = const(33)
_IP_MULTICAST_IF = const(32)
_IP_ADD_MEMBERSHIP = const(35)


def _ip_bytes(ip):
    return bytes(int(x) for x in ip.split("."))


def peer_addr(sa):
    # recvfrom's address as (ip, port): a tuple on CPython and ESP32, raw sockaddr_in
    # bytes on the unix port
    if isinstance(sa, tuple):
        return (sa[0], sa[1])
    port = sa[2] << 8 | sa[3]
    return ("%d.%d.%d.%d" % (sa[4], sa[5], sa[6], sa[7]), port)


class _Addrs:
    # (ip, port) -> what sendto() wants on this port, resolved once
    def __init__(self):
        self._cache = {}

    def get(self, addr):
        sa = self._cache.get(addr)
        if sa is None:
            sa = socket.getaddrinfo(addr[0], addr[1], 0, socket.SOCK_DGRAM)[0][-1]
            if len(self._cache) < 64:
                self._cache[addr] = sa
        return sa


def _opt(sock, name, linux, value):
    # a socket option by name where the port has it, else its Linux number on Linux
    # (lwIP on the ESP32 numbers them differently)
    opt = getattr(socket, name, linux if sys.platform == "linux" else None)
    if opt is None:
        return False
    try:
        sock.setsockopt(getattr(socket, "IPPROTO_IP", 0), opt, value)
        return True
    except OSError:
        return False


class Loop:
    # Not thread safe: owns the node, the sockets and the discovery state.
    def __init__(self, node, app, cfg, clock, log=print):
        self.node = node
        self.app = app
        self.cfg = cfg
        self.clock = clock
        self.log = log
        self.iface = cfg.iface or "0.0.0.0"
        self.mode = "off"
        self.stopped = False
        self.responder = None
        self.querier = None
        self._addrs = _Addrs()
        self._out = []
        self._watch = []
        self._every = []
        self.sock = None
        self.msock = None

    def open(self):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.node.port = self._bind(s)
        s.setblocking(False)
        self.sock = s
        self.node.host = self.iface
        self.node.send = self._send_mesh
        self.poller = select.poll()
        self.poller.register(s, select.POLLIN)
        self._open_mdns()
        now = self.clock.now()
        for addr in self.cfg.peers:
            self.node.contact(addr, now, True)
        return self.node.port

    def _bind(self, s):
        # returns the bound port; a port without getsockname() (the unix port) picks
        # a random high port itself, since Hello must carry the real one
        if self.cfg.port or hasattr(s, "getsockname"):
            s.bind(self._addrs.get((self.iface, self.cfg.port)))
            return self.cfg.port or s.getsockname()[1]
        for _ in range(20):
            port = randint(49152, 65535)
            try:
                s.bind(self._addrs.get((self.iface, port)))
                return port
            except OSError:
                pass
        raise OSError("no free UDP port")

    def _open_mdns(self):
        want = self.cfg.mdns
        if want == "off":
            return
        if want in ("auto", "responder"):
            try:
                self.msock = self._mdns_socket(mdns.PORT)
                self.mode = "responder"
            except OSError as e:
                if want == "responder":
                    raise
                self.log("mdns: port 5353 busy (%s), falling back to queries" % e)
        if self.msock is None:
            self.msock = self._mdns_socket(0)
            self.mode = "query"
        ip = self.iface if self.iface != "0.0.0.0" else "127.0.0.1"
        txt = (("v", 1), ("id", self.node.id), ("role", self.node.role))
        if self.mode == "responder":
            self.responder = Responder(self.node.name, ip, self.node.port, txt)
            self.responder.start(self.clock.now())
        self.querier = Querier()
        self.poller.register(self.msock, select.POLLIN)

    def _mdns_socket(self, port):
        m = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            m.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if port:
                # the group address on 0.0.0.0 (a multicast bind to one address gets nothing)
                m.bind(self._addrs.get(("0.0.0.0", port)))
                mreq = _ip_bytes(mdns.GROUP) + _ip_bytes(self.iface)
                if not _opt(m, "IP_ADD_MEMBERSHIP", _IP_ADD_MEMBERSHIP, mreq):
                    raise OSError("cannot join the mDNS group")
            else:
                m.bind(self._addrs.get((self.iface, 0)))
            if self.iface != "0.0.0.0":
                _opt(m, "IP_MULTICAST_IF", _IP_MULTICAST_IF, _ip_bytes(self.iface))
            _opt(m, "IP_MULTICAST_TTL", _IP_MULTICAST_TTL, 255)
        except OSError:
            m.close()
            raise
        m.setblocking(False)
        return m

    def every(self, fn):
        # fn(now) -> next due time, called on every turn (Wi-Fi upkeep)
        self._every.append(fn)

    def watch(self, obj, handler):
        # another readable thing (the host runner's stdin); handler(obj) on input
        self.poller.register(obj, select.POLLIN)
        self._watch.append((obj, handler))

    def unwatch(self, obj):
        self.poller.unregister(obj)
        self._watch = [w for w in self._watch if w[0] is not obj]

    def _send_mesh(self, data, addr):
        try:
            self.sock.sendto(data, self._addrs.get(addr))
        except OSError:
            self.node.count("send_error")

    def _send_mdns(self):
        for data, addr in self._out:
            try:
                self.msock.sendto(data, self._addrs.get(addr or (mdns.GROUP, mdns.PORT)))
            except OSError:
                self.node.count("mdns_send_error")
        self._out = []

    def step(self):
        # one turn: timers, then wait for input until the next thing is due
        now = self.clock.now()
        due = min(self.node.tick(now), self.app.step(now))
        for fn in self._every:
            due = min(due, fn(now))
        if self.responder:
            due = min(due, self.responder.poll(now, self._out))
        if self.querier and (self.mode == "query" or self.responder.ready()):
            due = min(due, self.querier.poll(now, self._out))
        self._send_mdns()
        wait = max(0, min(due - now, _MAX_WAIT_MS))
        for ev in self.poller.poll(wait):
            self._readable(ev[0])

    def _readable(self, obj):
        if self._is(obj, self.sock):
            self._drain(self.sock, self._on_mesh)
        elif self.msock and self._is(obj, self.msock):
            self._drain(self.msock, self._on_mdns)
        else:
            for o, handler in self._watch:
                if self._is(obj, o):
                    handler(o)

    def _is(self, obj, sock):
        return obj is sock or (isinstance(obj, int) and obj == sock.fileno())

    def _drain(self, sock, handler):
        for _ in range(_MAX_READS):
            try:
                data, sa = sock.recvfrom(1500)
            except OSError:
                return
            handler(data, peer_addr(sa), self.clock.now())

    def _on_mesh(self, data, addr, now):
        self.node.on_datagram(data, addr, now)

    def _on_mdns(self, data, addr, now):
        if self.iface.startswith("127.") and not addr[0].startswith("127."):
            # loopback tests: never answer anything from a real interface
            return
        try:
            m = mdns.parse(data)
        except ValueError:
            self.node.count("mdns_malformed")
            return
        if self.responder:
            was = self.responder.name
            self.responder.on_message(m, addr, now, self._out)
            if self.responder.name != was:
                self.log("mdns: name conflict, %s renamed %s" % (was, self.responder.name))
        if m.is_response():
            for inst, ip, port, txt, ttl in mdns.services(m, addr[0]):
                if ttl and txt.get("id") != self.node.id and ip:
                    self.node.contact((ip, port), now)
        self._send_mdns()

    def run(self, seconds=0):
        # until stop() or, when seconds > 0, that long
        end = self.clock.now() + int(seconds * 1000)
        while not self.stopped and (not seconds or self.clock.now() < end):
            self.step()

    def stop(self):
        self.stopped = True

    def close(self):
        # Bye to the peers, goodbye records to the group, sockets closed
        self.node.close(self.clock.now())
        if self.responder:
            bye = self.responder.goodbye()
            if bye:
                self._out.append((bye, None))
                self._send_mdns()
        for s in (self.sock, self.msock):
            if s:
                s.close()

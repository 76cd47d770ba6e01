# loop: the one non-blocking loop over select.poll: the mesh UDP socket (every frame
# leaves from it, scout frames to the group too), the scout socket on 47001 (shared,
# SO_REUSEADDR), the mDNS socket (responder on 5353, else one-shot queries), the app.
#
#   loop = Loop(cfg, clock, log)
#   port = loop.open()                      # binds the sockets; nothing is sent yet
#   node = Node(name, role, epoch, loop.send, port, key, scout_port=loop.scout_port, dnssd=loop.dnssd)
#   loop.start(node, app)                   # seeds, DNS-SD, then loop.run() or loop.step()
#   loop.on_address(ip)                     # whoever polls Wi-Fi: the address changed
import gc
import select
import socket
import sys

from .compat import const, randint
from . import _room as _held
from .node import SCOUT_GROUP, SCOUT_PORT, BROADCAST, numeric
from .wire import PROTOCOL

dnscodec = None  # imported by the first Loop with mDNS on: with "off" it costs no RAM

_MAX_READS = const(16)
# What recvfrom() asks for: each datagram is a bytes of its own, since MicroPython's
# sockets (unix and ESP32) have no recvfrom_into, and their readinto() runs queued
# datagrams together. A frame is at most 1200 bytes: one byte more still shows a longer
# datagram as too long (OVERSIZED), and the transient block stays small.
_RECV = const(1201)
_RECV_MDNS = const(1500)
_HOLD = const(1280)  # a block that keeps room for one receive (1201 bytes, with a margin)
_LINUX = sys.platform == "linux"
_MAX_WAIT_MS = const(250)
_MAX_ADDRS = const(64)
# option numbers where the socket module lacks the name: Linux, else lwIP (ESP32)
_OPTS = {
    "SOL_SOCKET": (1, 0xFFF),
    "SO_REUSEADDR": (2, 4),
    "SO_REUSEPORT": (15, None),
    "SO_BROADCAST": (6, 0x20),
    "IP_ADD_MEMBERSHIP": (35, 3),
    "IP_MULTICAST_IF": (32, None),
    "IP_MULTICAST_TTL": (33, 5),
}


def _load_dns():
    global dnscodec
    if dnscodec is None:
        from . import dnscodec


def _num(name):
    v = getattr(socket, name, None)
    if v is None:
        v = _OPTS[name][0 if _LINUX else 1]
    return v


def _setopt(sock, level, name, value):
    # True when set; a port without the option says False
    opt = _num(name)
    if opt is None:
        return False
    try:
        sock.setsockopt(level, opt, value)
        return True
    except (OSError, TypeError, ValueError):
        return False


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
    # (ip, port) -> what sendto() wants on this port; numeric addresses only, so the
    # look-up never waits on DNS. Bounded: cleared (and counted) when full.
    def __init__(self, count=None):
        self._cache = {}
        self.cleared = 0
        self._note = count

    def get(self, addr):
        sa = self._cache.get(addr)
        if sa is None:
            if not numeric(addr[0]) or not 0 <= addr[1] < 65536:
                raise ValueError("not a numeric address")
            sa = socket.getaddrinfo(addr[0], addr[1], 0, socket.SOCK_DGRAM)[0][-1]
            if len(self._cache) >= _MAX_ADDRS:
                self._cache = {}
                self.cleared += 1
                if self._note:
                    self._note("addr_cache_cleared")
            self._cache[addr] = sa
        return sa


class Loop:
    # Not thread safe: owns the sockets, the node and the discovery state.
    def __init__(self, cfg, clock, log=print, scout_port=None):
        self.cfg = cfg
        self.clock = clock
        self.log = log
        self.iface = cfg.iface or "0.0.0.0"
        if scout_port is None:
            scout_port = getattr(cfg, "scout_port", SCOUT_PORT)
        self.scout_port = scout_port
        self.node = None
        self.app = None
        self.port = 0
        self.mdns_port = 0  # the query socket's port (the responder's is 5353)
        self.mode = "off"
        self.dnssd = False
        self.stopped = False
        self.responder = None
        self.querier = None
        self.poller = None
        self.sock = self.ssock = self.msock = None
        self._addrs = _Addrs(self._count)
        self._out = []
        self._watch = []
        self._every = []
        self._drops = {}
        self._hold = _held.pop() if _held else None

    def _count(self, what):
        if self.node:
            self.node.count(what)
        else:
            self._drops[what] = self._drops.get(what, 0) + 1

    # Sockets

    def open(self):
        # binds the mesh, scout and mDNS sockets; returns the mesh port
        self.poller = select.poll()
        self._open_mesh()
        self._open_scout()
        self._open_mdns()
        return self.port

    def _open_mesh(self):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            self.port = self._bind(s, self.port or self.cfg.port)
            sol = _num("SOL_SOCKET")
            _setopt(s, sol, "SO_BROADCAST", 1)
            if self.iface != "0.0.0.0":
                _setopt(s, 0, "IP_MULTICAST_IF", _ip_bytes(self.iface))
            _setopt(s, 0, "IP_MULTICAST_TTL", 1)
        except OSError:
            s.close()
            raise
        s.setblocking(False)
        self.sock = s
        self.poller.register(s, select.POLLIN)

    def _bind(self, s, port):
        # returns the bound port; a port without getsockname() (ESP32, unix port) picks
        # a random high port itself, since Hello must carry the real one
        if port or hasattr(s, "getsockname"):
            s.bind(self._addrs.get((self.iface, port)))
            return port or s.getsockname()[1]
        for _ in range(20):
            port = randint(49152, 65535)
            try:
                s.bind(self._addrs.get((self.iface, port)))
                return port
            except OSError:
                pass
        raise OSError("no free UDP port")

    def _open_scout(self):
        if not self.scout_port:
            return
        try:
            self.ssock = self._group_socket(SCOUT_GROUP, self.scout_port)
            self.poller.register(self.ssock, select.POLLIN)
        except OSError as e:
            self.log("scout: cannot listen on %s:%d (%s); scouting off" % (SCOUT_GROUP, self.scout_port, e))
            self.scout_port = 0
            if self.node:
                self.node.scout_port = 0
                self.node.scout = None

    def _group_socket(self, group, port):
        # bound on 0.0.0.0 (a multicast bind to one address gets nothing), shared, joined
        # on our interface: mreq = group address + interface address
        m = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            sol = _num("SOL_SOCKET")
            _setopt(m, sol, "SO_REUSEADDR", 1)
            _setopt(m, sol, "SO_REUSEPORT", 1)
            m.bind(self._addrs.get(("0.0.0.0", port)))
            if not _setopt(m, 0, "IP_ADD_MEMBERSHIP", _ip_bytes(group) + _ip_bytes(self.iface)):
                raise OSError("cannot join %s" % group)
            if self.iface != "0.0.0.0":
                _setopt(m, 0, "IP_MULTICAST_IF", _ip_bytes(self.iface))
        except OSError:
            m.close()
            raise
        m.setblocking(False)
        return m

    def _open_mdns(self):
        want = self.cfg.mdns
        if want == "off":
            return
        _load_dns()
        if want in ("auto", "responder"):
            try:
                self.msock = self._group_socket(dnscodec.GROUP, dnscodec.PORT)
                self.mode = "responder"
            except OSError as e:
                if want == "responder":
                    raise
                self.log("mdns: port 5353 busy (%s), falling back to queries" % e)
        if self.msock is None:
            m = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            try:
                self.mdns_port = self._bind(m, 0)
                if self.iface != "0.0.0.0":
                    _setopt(m, 0, "IP_MULTICAST_IF", _ip_bytes(self.iface))
            except OSError:
                m.close()
                raise
            m.setblocking(False)
            self.msock = m
            self.mode = "query"
        self.dnssd = self.mode == "responder"
        self.poller.register(self.msock, select.POLLIN)

    def _close_sockets(self):
        for s in (self.sock, self.ssock, self.msock):
            if s:
                try:
                    self.poller.unregister(s)
                except (OSError, KeyError, ValueError):
                    pass
                s.close()
        self.sock = self.ssock = self.msock = None

    # Start and address changes

    def start(self, node, app):
        # the node made with send=self.send and port=open()'s; seeds, DNS-SD from now
        self.node = node
        self.app = app
        self._keep_room()
        for k, v in self._drops.items():
            node.stats[k] = node.stats.get(k, 0) + v
        now = self.clock.now()
        node.subnet = self._subnet()
        for addr in self.cfg.peers:
            if not numeric(addr[0]):
                # a name is looked up once, here, before the loop runs: never on the loop
                try:
                    addr = peer_addr(socket.getaddrinfo(addr[0], addr[1], 0, socket.SOCK_DGRAM)[0][-1])
                except (OSError, IndexError, ValueError):
                    self.log("seed %s:%d ignored: the name does not resolve" % addr)
                    node.count("NAME_HOST")
                    continue
            node.seed(addr, now)
        self._start_dnssd(now)

    def _start_dnssd(self, now):
        # the responder when we hold 5353 (announcing again after a re-bind), else queries
        node = self.node
        if self.mode == "responder":
            from .dnssd import Responder

            if self.responder is None:
                txt = (("v", PROTOCOL), ("id", node.id), ("role", node.role))
                self.responder = Responder(node.name, self._txt_ip(), self.port, txt)
            self.responder.ip = self._txt_ip()
            self.responder.start(now)
        else:
            self.responder = None
        if self.mode != "off":
            from .dnssd import Querier

            self.querier = Querier()
        node.dnssd = self.dnssd

    def _subnet(self):
        # where peer addresses are accepted (FRAME.md): our /24, or loopback on loopback
        return None if self.iface == "0.0.0.0" else (self.iface, 24)

    def _txt_ip(self):
        return self.iface if self.iface != "0.0.0.0" else "127.0.0.1"

    def on_address(self, ip):
        # Our interface address is now ip (a new DHCP lease): re-bind every socket on it
        # (same mesh port), announce again and send a query. Called by whoever polls
        # Wi-Fi, from the loop's thread; cheap when ip did not change.
        if not ip or ip == self.iface:
            return False
        self.log("address %s -> %s: re-binding" % (self.iface, ip))
        self.iface = ip
        if self.node:
            self.node.subnet = self._subnet()
        return self._reopen()

    def _reopen(self):
        # every socket closed and bound again (same mesh port), DNS-SD started again
        self._close_sockets()
        self.mode = "off"
        self.dnssd = False
        try:
            self._open_mesh()
            self._open_scout()
            self._open_mdns()
        except OSError as e:
            self._count("rebind_error")
            self.log("re-bind on %s failed: %s" % (self.iface, e))
            return False
        now = self.clock.now()
        if self.node:
            self._start_dnssd(now)
            self.node.on_address(now)
        return True

    # Sending

    def send(self, data, addr):
        # the node's send: one datagram from the mesh socket; never raises
        if addr[0] == BROADCAST and self.iface.startswith("127."):
            return  # limited broadcast leaves through the default route, not loopback
        try:
            self.sock.sendto(data, self._addrs.get(addr))
        except ValueError:
            self._count("NAME_HOST")
        except (OSError, AttributeError):
            self._count("send_error")

    def _send_mdns(self):
        for data, addr in self._out:
            try:
                self.msock.sendto(data, self._addrs.get(addr or (dnscodec.GROUP, dnscodec.PORT)))
            except (OSError, ValueError, AttributeError):
                self._count("mdns_send_error")
        self._out = []

    # The loop

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

    def step(self):
        # one turn: timers, then wait for input until the next thing is due
        now = self.clock.now()
        due = min(self.node.tick(now), self.app.step(now) if self.app else now + _MAX_WAIT_MS)
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
        if self.sock and self._is(obj, self.sock):
            self._drain(self.sock, self._on_mesh, _RECV)
        elif self.ssock and self._is(obj, self.ssock):
            self._drain(self.ssock, self._on_scout, _RECV)
        elif self.msock and self._is(obj, self.msock):
            self._drain(self.msock, self._on_mdns, _RECV_MDNS)
        else:
            for o, handler in self._watch:
                if self._is(obj, o):
                    handler(o)

    def _is(self, obj, sock):
        return obj is sock or (isinstance(obj, int) and obj == sock.fileno())

    def _drain(self, sock, handler, size):
        for _ in range(_MAX_READS):
            try:
                try:
                    data, sa = sock.recvfrom(size)
                except MemoryError:
                    data, sa = self._recv_in_room(sock, size)
            except OSError:
                return
            if not data:
                # an empty datagram: on lwIP (ESP32) the socket then reads nothing but
                # empty ones for ever (as a closed TCP stream), so it is opened again
                self._count("EMPTY")
                if not _LINUX:
                    self._reopen()
                    return
                continue
            try:
                addr = peer_addr(sa)
            except (IndexError, TypeError):
                continue
            handler(data, addr, self.clock.now())

    def _keep_room(self):
        # a block held so that a long-lived object never takes the last room for a receive
        # (each datagram is a transient block of 1201 bytes: the heap may have that much
        # free, but not in one piece)
        if self._hold is None:
            try:
                self._hold = bytearray(_HOLD)
            except MemoryError:
                pass

    def _recv_in_room(self, sock, size):
        # the heap had no block for the datagram: the one held gives way, then is taken again
        self._count("recv_room")
        self._hold = None
        gc.collect()
        got = sock.recvfrom(size)  # MemoryError again: the supervisor's (the heap is too small)
        self._keep_room()
        return got

    def _on_mesh(self, data, addr, now):
        self.node.on_datagram(data, addr, now)

    def _on_scout(self, data, addr, now):
        self.node.on_datagram(data, addr, now, True)

    def _on_mdns(self, data, addr, now):
        if self.iface.startswith("127.") and not addr[0].startswith("127."):
            # loopback tests: never answer anything from a real interface
            return
        try:
            m = dnscodec.parse(data)
            if self.responder:
                was = self.responder.name
                self.responder.on_message(m, addr, now, self._out)
                if self.responder.name != was:
                    self.log("mdns: name conflict, %s renamed %s" % (was, self.responder.name))
            if m.is_response():
                for inst, ip, port, txt, ttl in dnscodec.services(m, addr[0], self.node.count):
                    if ttl and txt.get("id") != self.node.id and ip and numeric(ip):
                        self.node.contact((ip, port), now)
        except ValueError:
            self.node.count("mdns_malformed")
            return
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
        if self.node:
            self.node.close(self.clock.now())
            self.node._w.give_back()
        if self._hold is not None and not _held:
            _held.append(self._hold)  # the next loop (a restart) holds the same block
            self._hold = None
        if self.responder:
            bye = self.responder.goodbye()
            if bye:
                self._out.append((bye, None))
                self._send_mdns()
        self._close_sockets()

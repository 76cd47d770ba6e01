# node: the mesh peer logic of protocol v3 (FRAME.md): peer table with leases, partner
# keep-alives and probes, scouting, looking again for seeds and lost partners, publish
# with QoS 1 ack/retransmit/dedup and late-joiner values, replay windows, counters.
# No sockets and no clock: the caller passes `now` in ms; frames leave through the
# send(datagram, (ip, port)) given to the constructor.
import binascii
import hashlib
from .compat import const, randint
from . import wire
from .wire import HELLO, HEARTBEAT, PUBLISH, ACK, BYE, QOS_ACKED, PROTOCOL
from .peers import Peer, Window, matches  # noqa: F401 (Window: the package's API)
from .scout import Scout, interval_ms
from .search import Search, SEED, LOST, BRIEF

SCOUT_GROUP = "224.0.0.224"
SCOUT_PORT = const(47001)
BROADCAST = "255.255.255.255"
KEEPALIVE_MS = const(250)
_RETRY_MS = const(100)
_RETRY_MAX_MS = const(1600)
_MIN_PROBE_MS = const(100)
_REPEATS = const(3)  # the last QoS 0 value of a quiet topic goes out 3 more times
MAX_PEERS = const(64)
_MAX_LOST = const(16)  # departed peers kept with their windows (no replay after Bye)
_MAX_LATEST = const(32)  # topics whose latest QoS 0 value we keep for late joiners
_MAX_PENDING = const(64)  # QoS 1 sends awaiting an ack
_MAX_SEQ = const(128)  # destinations with their own seq series
_MAX_GOSSIP = const(16)  # peers listed in one Hello
_MAX_UNVERIFIED = const(16)  # peers not yet proved to receive at their address
_MAX_ASKED = const(16)  # addresses we chose to contact, whose answers are trusted
_MAX_CREDIT = const(65536)
_MAX_HELD = const(4)  # frames kept for an unverified peer until it proves its address
_STALE_HELLO_US = const(60000000)  # a Hello sent up to this much before the last one taken is out of date
_SCOUT = "scout"  # the seq series of frames to the group and broadcast


def node_id(name):
    # first 6 bytes of SHA-256 of the UTF-8 name, lower-case hex (as the Java node)
    return binascii.hexlify(hashlib.sha256(name.encode()).digest()[:6]).decode()


def numeric(host):
    # a dotted IPv4 address (never a name: no look-up may run on the loop)
    parts = host.split(".")
    if len(parts) != 4:
        return False
    for x in parts:
        if not x or len(x) > 3 or not x.isdigit() or int(x) > 255:
            return False
    return True


def on_subnet(host, subnet):
    # subnet: (our ip, prefix bits) or None (anything goes); loopback accepts loopback only
    if subnet is None:
        return True
    own, bits = subnet
    if not numeric(host):
        return False
    if own.startswith("127."):
        return host.startswith("127.")
    a = b = 0
    for x in host.split("."):
        a = a << 8 | int(x)
    for x in own.split("."):
        b = b << 8 | int(x)
    return (a ^ b) >> (32 - bits) == 0 if bits else True


class Listener:
    # What a node reports; apps and the host runner override what they need.
    def on_peer_joined(self, peer):
        pass

    def on_peer_lost(self, peer):
        pass

    def on_message(self, peer, pub):
        pass


class Node:
    # Not thread safe: owned by the loop that calls on_datagram() and tick().
    # send(data, addr) sends one datagram from the mesh socket; port is that socket's
    # port; scout_port 0 turns scouting off; dnssd says our own DNS-SD responder runs.
    def __init__(self, name, role, boot_epoch, send, port=0, key=None, listener=None, subscriptions=(),
                 scout_port=SCOUT_PORT, dnssd=False, clock_us=None, nid=None, rand=randint, max_peers=MAX_PEERS, now=0):
        self.name = name
        self.role = role
        self.id = nid or node_id(name)
        self.epoch = boot_epoch
        self.send = send
        self.port = port
        self.key = wire.Key(key) if key else None
        self.listener = listener or Listener()
        self.subscriptions = list(subscriptions)
        self.scout_port = scout_port
        self.dnssd = dnssd
        self.max_peers = max_peers
        self.peers = {}
        self.stats = {}
        self.scout = Scout(now, rand) if scout_port else None
        self.search = Search()
        self._clock_us = clock_us
        self._now = now
        self._w = wire.Writer()
        self._seq = {}
        self._seq_floor = 0
        self._mid = 0
        self._pending = []  # [peer id, message id, topic, vkind, value, due, gap]
        self._latest = {}  # topic -> [message id, vkind, value, last sent ms, repeats left]
        self._lost = {}  # node id -> Peer, no longer live
        self._next_sweep = now
        self._asked = {}  # address -> when we sent it a first-contact Hello
        self._scout_us = 0  # send time of our last scout frame
        self._sent_us = 0
        self._probing = False
        # (our ip, prefix bits): where addresses told by the network (DNS-SD answers,
        # gossip, scout frames, strangers) are accepted; None accepts any (set by the loop)
        self.subnet = None

    def count(self, what):
        self.stats[what] = self.stats.get(what, 0) + 1

    def _us(self):
        return self._clock_us() if self._clock_us else self._now * 1000

    # Sending

    def _begin(self, dest, did=""):
        # did: the receiver's node id (FRAME.md dest_id), "" to the group or an unknown id
        seq = self._seq
        s = seq.get(dest)
        if s is None:
            if len(seq) >= _MAX_SEQ:
                # forget one series; a new one starts above it, so it never goes back
                for k in seq:
                    self._seq_floor = max(self._seq_floor, seq.pop(k))
                    break
                self.count("seq_evicted")
            s = self._seq_floor
        seq[dest] = s + 1
        self._sent_us = self._us()
        self._w.begin(self.id, self.epoch, s + 1, self._sent_us, did)
        return self._w

    def _flush(self, addr, p=None):
        n = self._w.finish(self.key)
        if p is not None:
            if not p.verified:
                if n > p.credit:
                    # never more to an unverified (maybe spoofed) source than it sent us:
                    # held back (sent once it proves its address), or dropped and counted
                    if p.held is None:
                        p.held = []
                    if len(p.held) < _MAX_HELD:
                        p.held.append(bytes(self._w.mv[:n]))
                    else:
                        self.count("reply_capped")
                        self._seq[addr] -= 1  # never sent: no gap in its series
                    self._ask_proof(p)
                    return
                p.credit -= n
            p.sent_ms = self._now
            p.sent_us2 = p.sent_us
            p.sent_us = self._sent_us
        self.count("tx")
        self.send(self._w.mv[:n], addr)

    def _hello_body(self, reply_requested, gossip_to=None, budget=0):
        h = wire.Hello(self.name, self.role, self.port, self.subscriptions, None, reply_requested,
                       interval_ms(len(self.live_peers())), self.dnssd)
        if gossip_to is not None:
            for p in self.peers.values():
                if budget <= 0 or len(h.peers) >= _MAX_GOSSIP:
                    break
                if p.live and p.verified and p.addr != gossip_to:
                    h.peers.append((p.node_id, p.name, p.addr[0], p.addr[1]))
                    budget -= 24 + len(p.name) + len(p.addr[0])
        return h

    def _hello(self, addr, reply_requested, p=None, budget=1200):
        # a unicast Hello; an answer lists live peers (the gossip), within `budget` bytes
        h = self._hello_body(reply_requested, None if reply_requested else addr, budget)
        dest = p.node_id if p else ""
        try:
            self._begin(addr, dest).hello(h)
        except ValueError:  # the gossip did not fit in one frame: the Hello without it
            self.count("gossip_cut")
            h.peers = []
            self._begin(addr, dest).hello(h)
        if p is None and reply_requested:
            self._w.pad()  # first contact: as large as any answer to it
        self._flush(addr, p)

    def _scout_hello(self, query, broadcast):
        # one frame to the group (and the same bytes to broadcast); a beacon also goes by
        # unicast to the peers never heard on the scout socket
        self._begin(_SCOUT).hello(self._hello_body(query))
        self._scout_us = self._sent_us
        n = self._w.finish(self.key)
        mv = self._w.mv[:n]
        self.count("scout_tx")
        self.send(mv, (SCOUT_GROUP, self.scout_port))
        if broadcast:
            self.send(mv, (BROADCAST, self.scout_port))
        if not query:
            for p in self.peers.values():
                if p.live and not p.heard_scout:
                    self._hello(p.addr, False, p, 0)

    def seed(self, addr, now):
        # a configured peer address: looked for all the node's life while nobody lives there
        self.search.add(addr, SEED, addr, now)

    def contact(self, addr, now, forever=False):
        # an address from mDNS or gossip: Hello it a few times unless a live peer has it
        if forever:
            return self.seed(addr, now)
        if not on_subnet(addr[0], self.subnet):
            self.count("off_subnet")
            return
        if not self._live_at(addr):
            self.search.add(addr, BRIEF, addr, now)

    def _live_at(self, addr):
        for p in self.peers.values():
            if p.live and p.addr == addr:
                return True
        return False

    def on_address(self, now):
        # our interface address changed (the sockets were re-bound): ask the room again
        self._now = now
        if self.scout:
            self.scout.query_now(now)

    def publish(self, topic, vkind, value, now, qos=0):
        # sends to every live peer subscribed to a prefix of topic; returns how many
        self._now = now
        self._mid += 1
        n = 0
        for p in self.peers.values():
            if p.live and p.wants(topic):
                self._publish_to(p, topic, vkind, value, qos, self._mid)
                if qos == QOS_ACKED:
                    if len(self._pending) >= _MAX_PENDING:
                        self._pending.pop(0)
                        self.count("abandoned")
                    self._pending.append([p.node_id, self._mid, topic, vkind, value, now + _RETRY_MS, _RETRY_MS])
                n += 1
        if qos != QOS_ACKED:
            self._keep_latest(topic, vkind, value, now, _REPEATS if n else 0)
        return n

    def _keep_latest(self, topic, vkind, value, now, repeats):
        e = self._latest.get(topic)
        if e is None:
            if len(self._latest) >= _MAX_LATEST:
                old = min(self._latest, key=lambda t: self._latest[t][0])
                del self._latest[old]
                self.count("latest_evicted")
            e = self._latest[topic] = [0, 0, None, 0, 0]
        e[0] = self._mid
        e[1] = vkind
        e[2] = value
        e[3] = now
        e[4] = repeats

    def _publish_to(self, p, topic, vkind, value, qos, mid):
        if not p.fed:
            p.fed = True  # keep-alives go to it from now
            self._next_sweep = self._now
        self._begin(p.addr, p.node_id).publish(topic, vkind, value, qos, mid)
        self._flush(p.addr, p)

    def _late_values(self, p, before, hello_first):
        # FRAME.md: the latest QoS 0 value of each topic p newly matches, most recent first
        if not p.verified:
            for t in self._latest:
                if p.wants(t):
                    self._ask_proof(p)  # they go when it proves its address (_verify)
                    break
            return
        due = [t for t in self._latest if p.wants(t) and not matches(before, t)]
        if not due:
            return
        due.sort(key=lambda t: -self._latest[t][0])
        if hello_first:
            # it met us by scouting and may not know us yet
            self._hello(p.addr, False, p, 0)
        for t in due[:_MAX_LATEST]:
            e = self._latest[t]
            self.count("late_value")
            self._publish_to(p, t, e[1], e[2], 0, e[0])

    def subscribe(self, prefixes, now):
        # replaces the subscriptions and tells the mesh: a beacon at once (unicast
        # Hellos where there is no scouting)
        self._now = now
        self.subscriptions = list(prefixes)
        if self.scout:
            self.scout.beacon_now(now)
        else:
            for p in self.peers.values():
                if p.live:
                    self._hello(p.addr, False, p, 0)

    def close(self, now):
        # Bye to every live peer
        self._now = now
        for p in self.peers.values():
            if p.live:
                self._begin(p.addr, p.node_id).bye()
                self._flush(p.addr)
                p.live = False

    # Receiving

    def on_datagram(self, data, addr, now, scout=False):
        # one received datagram (scout: it came on the scout socket); a bad one is
        # counted and dropped, never raised
        self._now = now
        self.count("rx")
        try:
            fr = wire.decode(data, self.key)
        except wire.Drop as e:
            self.count(e.args[0])
            return
        try:
            self._on_frame(fr, addr, now, scout, len(data))
        except Exception as e:  # a bug must not stop the board: count it and go on
            self.count("ERROR")
            self.error = e

    def _on_frame(self, fr, addr, now, scout, size):
        if fr.sender_id == self.id:
            self.count("OWN_FRAME")
            return
        k = fr.kind
        d = fr.dest_id
        if (d and d != self.id) or (not d and not scout and k != HELLO):
            # captured on its way to another node (or a unicast frame that names none)
            self.count("MISDIRECTED")
            return
        if k == HELLO:
            h = fr.body
            if h.protocol_version != PROTOCOL:
                self.count("BAD_VERSION")
                return
            if h.port != addr[1]:
                self.count("BAD_PORT")
                return
        elif scout:
            self.count("UNEXPECTED")
            return
        if scout and self.scout is None:
            self.count("UNEXPECTED")
            return
        p = self.peers.get(fr.sender_id)
        asked = addr in self._asked
        if (scout or p is None) and not asked and not on_subnet(addr[0], self.subnet):
            self.count("off_subnet")
            return
        if p is None:
            if k != HELLO:
                self.count("UNEXPECTED")
                if asked or (k == HEARTBEAT and fr.body.echo_time_us and fr.body.echo_time_us == self._scout_us):
                    self.contact(addr, now)  # an address we chose, or a node answering our query
                else:
                    self.count("reply_capped")  # a stranger (maybe spoofed) gets no Hello
                return
            p = self._lost.pop(fr.sender_id, None)
            if p is None:
                if len(self.peers) >= self.max_peers:
                    self.count("TABLE_FULL")
                    return
                if not asked:
                    self._evict_unverified()
                p = Peer(fr.sender_id, addr, fr.boot_epoch)
            p.verified = asked
        restarted = fr.boot_epoch > p.epoch
        if not self._replay_ok(p, fr, scout):
            if not p.live:
                self._keep_lost(p)
            return
        p.last_ms = now
        p.probe_ms = 0
        if p.addr != addr:
            p.verified = asked  # a new address must be proved again
        p.addr = addr
        p.credit = min(p.credit + size, _MAX_CREDIT)
        p.echo_us = fr.sent_time_us
        p.echo_at_ms = now
        if scout:
            p.heard_scout = True
        if k == HELLO:
            self._on_hello(p, fr.body, addr, now, scout, size, restarted, fr.sent_time_us)
        elif k == HEARTBEAT:
            self._on_heartbeat(p, fr.body)
        elif k == PUBLISH:
            self._on_publish(p, fr)
        elif k == ACK:
            self._on_ack(p, fr.body)
        elif k == BYE:
            p.bye = True
            self._lose(p, now)
            return
        if not p.verified and p.live and (not scout or p.held):
            self._ask_proof(p)

    def _replay_ok(self, p, fr, scout):
        # FRAME.md step 6: boot epoch, then the 64-entry window (one per socket)
        if fr.boot_epoch < p.epoch:
            self.count("STALE_EPOCH")
            return False
        if fr.boot_epoch > p.epoch:
            p._restart(fr.boot_epoch)
            p.bye = False
            self.count("rejoin")
        w = p.scout_window if scout else p.window
        if not w.fresh(fr.seq):
            self.count("REPLAYED")
            return False
        w.mark(fr.seq)
        return True

    def _on_hello(self, p, h, addr, now, scout, size, restarted, sent_us):
        new = not p.live
        before = [] if new or restarted else p.subscriptions
        # an older Hello read after a newer one (they come on two sockets) must not undo it;
        # a step back of over a minute is the sender's clock wrapping (FRAME.md "Hello")
        back = p.hello_us - sent_us
        if not new and 0 < back <= _STALE_HELLO_US:
            self.count("stale_hello")
            changed = False
        else:
            p.hello_us = sent_us
            changed = before != h.subscriptions
            p.name = h.name
            p.role = h.role
            p.subscriptions = h.subscriptions
            p.beacon_ms = h.beacon_ms
            p.dnssd = h.dnssd
        if new:
            p.live = True
            p.bye = False
            self.peers[p.node_id] = p
            self.search.found(p.node_id)
            self._next_sweep = now
            self.count("joined")
            self.listener.on_peer_joined(p)
        if changed:
            p.fed = False
            for t in self._latest:
                if p.wants(t):
                    p.fed = True
                    break
        self._gossip(h.peers, now, p.verified)
        if scout:
            self.scout.on_scout_hello(h.reply_requested, new, len(self.peers), now)
        elif h.reply_requested or new:
            # answer by unicast; to a peer we did not know, no bigger than what came in
            self._hello(addr, False, p, size if new else 1200)
        if changed or restarted:
            self._late_values(p, before, scout)

    def _gossip(self, listed, now, trusted=True):
        # peers listed in a Hello: hostile input, and contacted only where scouting is
        # silent and when the lister proved its address (trusted)
        silent = trusted and (self.scout is None or not self.scout.heard(now))
        for nid, name, host, port in listed:
            if not 0 < port < 65536:
                self.count("BAD_PORT")
            elif not numeric(host):
                self.count("NAME_HOST")
            elif not on_subnet(host, self.subnet):
                self.count("off_subnet")
            elif silent and nid != self.id and nid not in self.peers:
                self.contact((host, port), now)

    def _verify(self, p, echo_us):
        # an echo of a send time of ours proves p receives at its address (of a scout
        # frame: it heard our query); what was held back for it goes now
        if echo_us and (echo_us == p.sent_us or echo_us == p.sent_us2 or echo_us == self._scout_us):
            p.verified = True
            held, p.held = p.held, None
            for d in held or ():
                self.count("tx")
                self.send(d, p.addr)
            self._hello(p.addr, False, p)  # what a capped answer could not say, with the gossip
            self._late_values(p, [], False)

    def _ask_proof(self, p):
        # a probe, within p's byte budget: its answer echoes our send time (see _verify)
        if not self._probing and p.live:
            self._probing = True
            try:
                self._heartbeat(p, True)
            finally:
                self._probing = False

    def _evict_unverified(self):
        n = 0
        victim = None
        for q in self.peers.values():
            if q.live and not q.verified:
                n += 1
                victim = q
        if n >= _MAX_UNVERIFIED:
            self.count("unverified_evicted")
            self._lose(victim, self._now)

    def _on_heartbeat(self, p, hb):
        if not p.verified:
            self._verify(p, hb.echo_time_us)
        if hb.echo_time_us:
            p.rtt_us = self._us() - hb.echo_time_us - hb.echo_delay_us
        if hb.reply_requested:
            self._heartbeat(p, False)

    def _heartbeat(self, p, reply_requested):
        delay = (self._now - p.echo_at_ms) * 1000 if p.echo_us else 0
        self._begin(p.addr, p.node_id).heartbeat(p.echo_us, delay, reply_requested)
        self._flush(p.addr, p)

    def _on_publish(self, p, fr):
        pub = fr.body
        if pub.qos == QOS_ACKED:
            self._begin(p.addr, p.node_id).ack(pub.message_id, fr.sent_time_us)
            self._flush(p.addr, p)
            if not p.first_delivery(pub.message_id):
                self.count("duplicate")
                return
        else:
            # latest value: never an older or repeated message id for this topic
            fresh = p.fresh_value(pub.topic, pub.message_id)
            if fresh is False:
                self.count("stale_value")
                return
            if fresh is None:
                self.count("topic_evicted")
        if not p.feeds_us and matches(self.subscriptions, pub.topic):
            p.feeds_us = True  # a partner now: its lease is 1 s
            self._next_sweep = self._now
        self.count("delivered")
        self.listener.on_message(p, pub)

    def _on_ack(self, p, ack):
        if not p.verified:
            self._verify(p, ack.echo_time_us)
        for i in range(len(self._pending)):
            e = self._pending[i]
            if e[0] == p.node_id and e[1] == ack.message_id:
                del self._pending[i]
                self.count("acked")
                return

    def _lose(self, p, now):
        self.peers.pop(p.node_id, None)
        if p.live:
            p.live = False
            self.count("lost")
            self._pending = [e for e in self._pending if e[0] != p.node_id]
            if (p.fed or p.feeds_us) and not p.bye:
                self.search.add(p.node_id, LOST, p.addr, now)
            self._keep_lost(p)
            self.listener.on_peer_lost(p)

    def _keep_lost(self, p):
        lost = self._lost
        if p.node_id not in lost and len(lost) >= _MAX_LOST:
            for k in lost:
                del lost[k]
                break
            self.count("lost_evicted")
        lost[p.node_id] = p

    # Time

    def tick(self, now):
        # scouting, leases, keep-alives, probes, repeats, retransmissions, searches;
        # returns the next due time
        self._now = now
        due = now + 1000
        if self.scout:
            what = self.scout.poll(len(self.peers), now)
            if what:
                self._scout_hello(what > 1, what == 3)
            due = min(due, self.scout.due())
        if now >= self._next_sweep:
            self._next_sweep = self._sweep(now)
        due = min(due, self._next_sweep)
        if self._latest:
            due = min(due, self._repeat_latest(now))
        for e in self._pending:
            if now >= e[5]:
                p = self.peers.get(e[0])
                self.count("retransmit")
                self._publish_to(p, e[2], e[3], e[4], QOS_ACKED, e[1])
                e[6] = min(e[6] * 2, _RETRY_MAX_MS)
                e[5] = now + e[6]
            due = min(due, e[5])
        if self.search.targets:
            out = []
            due = min(due, self.search.due(now, self._live_at, out))
            for addr in out:
                asked = self._asked
                if addr not in asked and len(asked) >= _MAX_ASKED:
                    for a in asked:
                        del asked[a]
                        break
                asked[addr] = now
                self._hello(addr, True)
            self.stats["search_evicted"] = self.search.evicted
        return due

    def _sweep(self, now):
        # the lease sweep: loss at 100 % of a lease, probes from 60 %, keep-alives to the
        # partners we publish to on a quiet flow; returns when it is due again
        nxt = now + 1000
        for p in list(self.peers.values()):
            lease = p.lease_ms()
            silence = now - p.last_ms
            if silence > lease:
                self._lose(p, now)
                continue
            suspect = p.last_ms + lease * 6 // 10
            if now >= suspect:
                if now >= p.probe_ms:
                    self.count("probe")
                    self._heartbeat(p, True)
                    p.probe_ms = now + max(_MIN_PROBE_MS, lease // 10)
                nxt = min(nxt, p.probe_ms)
            else:
                nxt = min(nxt, suspect)
            nxt = min(nxt, p.last_ms + lease + 1)
            if p.fed:
                if now - p.sent_ms >= KEEPALIVE_MS:
                    # one keep-alive in four asks for an echo, for the RTT
                    p.keepalives += 1
                    self.count("keepalive")
                    self._heartbeat(p, p.keepalives % 4 == 0)
                nxt = min(nxt, p.sent_ms + KEEPALIVE_MS)
        return nxt

    def _repeat_latest(self, now):
        nxt = now + KEEPALIVE_MS
        for topic in self._latest:
            e = self._latest[topic]
            if e[4] <= 0:
                continue
            if now - e[3] >= KEEPALIVE_MS:
                for p in self.peers.values():
                    if p.live and p.wants(topic):
                        self._publish_to(p, topic, e[1], e[2], 0, e[0])
                e[3] = now
                e[4] -= 1
            nxt = min(nxt, e[3] + KEEPALIVE_MS)
        return nxt

    def live_peers(self):
        return [p for p in self.peers.values() if p.live]

# relay: a userspace UDP impairment relay (this kernel has no netem), the suite's one home
# for link faults. Standard library only; run it in its own namespace on the test switch:
#
#   python3 relay.py LISTEN_IP LISTEN_PORT TARGET_IP TARGET_PORT [SEED [B_SIDE_IP]]
#
# Node A sends to LISTEN_IP:LISTEN_PORT as if it were the target B; the relay forwards from a
# second socket (B_SIDE_IP:LISTEN_PORT, or LISTEN_IP and any port) to B, and B's answers back to
# A's last address, so each node sees the relay as the other. A node that insists a Hello comes
# from the port it names (the board client) needs B_SIDE_IP: a second address of the relay's host. Faults apply both ways, each datagram on its own:
#   loss     dropped
#   dup      sent twice
#   reorder  held back and sent after the next datagram (or after 20 ms of quiet)
#   delay    every datagram waits DELAY_MS + uniform(0, JITTER_MS)
# stdin: "set loss 0.2 dup 0.1 reorder 0.1 delay 5 jitter 5" (any subset; "set loss 1" cuts the
# link, "set loss 0" heals it), "stats" (prints a counts line), "quit". Prints "ready PORT" once
# listening, "ok ..." after every set and "stats in=.. out=.. dropped=.. duplicated=.. reordered=.."
# on "stats". Bounded: at most 4096 delayed datagrams are held; past that they are dropped and counted.
import heapq
import random
import select
import socket
import sys
import threading
import time

MAX_HELD = 4096
QUIET_S = 0.02


class Impairment:
    def __init__(self, seed):
        self.rnd = random.Random(seed)
        self.loss = self.dup = self.reorder = 0.0
        self.delay_ms = self.jitter_ms = 0.0
        self.counts = dict(inbound=0, out=0, dropped=0, duplicated=0, reordered=0, overflow=0)
        self.lock = threading.Lock()

    def set(self, words):
        names = {"loss": "loss", "dup": "dup", "reorder": "reorder", "delay": "delay_ms", "jitter": "jitter_ms"}
        if len(words) % 2:
            raise ValueError("set wants NAME VALUE pairs, got %r" % " ".join(words))
        with self.lock:
            for name, value in zip(words[0::2], words[1::2]):
                if name not in names:
                    raise ValueError("unknown fault %r (loss, dup, reorder, delay, jitter)" % name)
                v = float(value)
                if v < 0 or (name in ("loss", "dup", "reorder") and v > 1):
                    raise ValueError("%s must be 0..1 (delay, jitter: ms >= 0), was %s" % (name, value))
                setattr(self, names[name], v)

    def describe(self):
        return "loss %.3f dup %.3f reorder %.3f delay %.1f jitter %.1f" % (
            self.loss, self.dup, self.reorder, self.delay_ms, self.jitter_ms)

    def plan(self):
        # for one datagram: (copies, hold_for_reorder, delay_s); copies 0 means dropped
        with self.lock:
            r = self.rnd
            self.counts["inbound"] += 1
            if r.random() < self.loss:
                self.counts["dropped"] += 1
                return 0, False, 0.0
            copies = 2 if r.random() < self.dup else 1
            if copies == 2:
                self.counts["duplicated"] += 1
            hold = r.random() < self.reorder
            if hold:
                self.counts["reordered"] += 1
            delay = (self.delay_ms + r.random() * self.jitter_ms) / 1000.0
            return copies, hold, delay


class Relay:
    def __init__(self, listen_ip, listen_port, target, seed=1, b_side_ip=None):
        self.facing_a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.facing_a.bind((listen_ip, listen_port))
        self.facing_b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.facing_b.bind((b_side_ip, listen_port) if b_side_ip else (listen_ip, 0))
        self.target = target
        self.a = None
        self.faults = Impairment(seed)
        self.timers = []  # heap of (due, n, sock, data, to)
        self.n = 0
        self.held = {}  # direction -> (data, sock, to, since) held back for reordering
        self.closed = False

    def _schedule(self, sock, data, to, delay, now):
        if delay <= 0:
            self._send(sock, data, to)
            return
        if len(self.timers) >= MAX_HELD:
            self.faults.counts["overflow"] += 1
            return
        self.n += 1
        heapq.heappush(self.timers, (now + delay, self.n, sock, data, to))

    def _send(self, sock, data, to):
        try:
            sock.sendto(data, to)
            self.faults.counts["out"] += 1
        except OSError:
            self.faults.counts["dropped"] += 1  # a cut link (no route): the datagram is gone

    def _forward(self, direction, sock, data, to, now):
        copies, hold, delay = self.faults.plan()
        if copies == 0:
            return
        held = self.held.pop(direction, None)
        if hold and held is None:
            self.held[direction] = (data, sock, to, now)
            return
        for _ in range(copies):
            self._schedule(sock, data, to, delay, now)
        if held:
            self._schedule(held[1], held[0], held[2], delay, now)

    def run(self):
        socks = [self.facing_a, self.facing_b]
        while not self.closed:
            now = time.monotonic()
            wait = QUIET_S
            if self.timers:
                wait = max(0.0, min(wait, self.timers[0][0] - now))
            ready, _, _ = select.select(socks, [], [], wait)
            now = time.monotonic()
            for s in ready:
                try:
                    data, src = s.recvfrom(4096)
                except OSError:
                    continue
                if s is self.facing_a:
                    self.a = src
                    self._forward("b", self.facing_b, data, self.target, now)
                elif self.a is not None:
                    self._forward("a", self.facing_a, data, self.a, now)
            while self.timers and self.timers[0][0] <= now:
                _, _, sock, data, to = heapq.heappop(self.timers)
                self._send(sock, data, to)
            for direction, (data, sock, to, since) in list(self.held.items()):
                if now - since >= QUIET_S:
                    del self.held[direction]
                    self._send(sock, data, to)


def _say(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _control(relay):
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "set":
            try:
                relay.faults.set(words[1:])
                _say("ok " + relay.faults.describe())
            except ValueError as e:
                _say("error " + str(e))
        elif words[0] == "stats":
            c = relay.faults.counts
            _say("stats in=%(inbound)d out=%(out)d dropped=%(dropped)d duplicated=%(duplicated)d "
                 "reordered=%(reordered)d overflow=%(overflow)d" % c)
        elif words[0] == "quit":
            break
    relay.closed = True


def main(argv):
    if len(argv) not in (5, 6, 7):
        sys.stderr.write("usage: relay.py LISTEN_IP LISTEN_PORT TARGET_IP TARGET_PORT [SEED [B_SIDE_IP]]\n")
        return 2
    relay = Relay(argv[1], int(argv[2]), (argv[3], int(argv[4])), int(argv[5]) if len(argv) >= 6 else 1,
                  argv[6] if len(argv) == 7 else None)
    threading.Thread(target=_control, args=(relay,), daemon=True).start()
    _say("ready %d" % relay.facing_a.getsockname()[1])
    relay.run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

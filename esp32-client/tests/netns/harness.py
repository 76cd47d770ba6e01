# harness: throw-away test networks in Linux network namespaces, and the processes
# that run in them. Standard library only.
#
#   net = Net("heal", ["a", "b"])     # namespaces mm<pid>t<k>a, mm<pid>t<k>b and a switch mm<pid>t<k>sw
#   p = net.run("a", [...argv...])     # ip netns exec mm<pid>t<k>a argv, stdout+stderr read line by line
#   p.wait_for(lambda line: ..., 5)    # the first matching line (and when it arrived), or None
#   net.cut("a"); net.restore("a")     # ip link set eth0 down / up inside a's namespace
#   net.close()                        # stops every process (SIGTERM, then SIGKILL) and deletes the namespaces
#
# Layout: every host namespace has lo (up) and eth0 = 10.77.<run>.<10+i>/24, the end of a
# veth pair whose other end is a port of the Linux bridge br0 in the switch namespace.
# Nothing is created in the root namespace: the veth pairs are made inside the switch
# namespace with their host end moved straight into the host's namespace, so the
# machine's real interfaces never carry a test frame. eth0 has its multicast flag on and
# routes for 224.0.0.0/4 and 255.255.255.255 (multicast and limited broadcast) via eth0;
# there is no default route, so nothing is even addressed to the world outside.
# The bridge floods multicast (snooping off), as a classroom access point does for
# link-local groups.
#
# Cleanup: Net.close() runs from the tests' addCleanup/tearDownClass, and an atexit hook
# closes whatever is still open; namespaces left by an earlier run whose pid is gone
# (killed runner) are deleted when the next run starts.
import atexit
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

PREFIX = "mm%dt" % os.getpid()
_STALE = re.compile(r"^mm(\d+)t\d+(sw|[a-z])$")
_RUN = os.getpid() % 200 + 20  # the third octet: 10.77.<run>.x (each run's switch is its own anyway)
_open_nets = []
_open_procs = []
_counter = [0]
FIGURES = []  # (what, value text), printed at exit too
_temp_dirs = []


def tempdir(prefix):
    # a scratch directory that is deleted at exit
    import tempfile

    d = tempfile.mkdtemp(prefix=prefix)
    _temp_dirs.append(d)
    return d


def _ip(*args, ns=None, check=True):
    argv = ["ip"] + (["netns", "exec", ns, "ip"] if ns else []) + list(args)
    r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=20)
    if check and r.returncode != 0:
        raise OSError("%s: %s" % (" ".join(argv), r.stderr.strip() or r.returncode))
    return r


def skip_reason():
    # None when namespaces can be made here, else a sentence for skipTest
    if not sys.platform.startswith("linux"):
        return "network-namespace tests need Linux"
    if os.geteuid() != 0:
        return "network-namespace tests need root (ip netns add); run them with sudo, CI runs them as root"
    if not shutil.which("ip"):
        return "network-namespace tests need the ip command (apt-get install iproute2)"
    probe = "%sprobe" % PREFIX
    r = subprocess.run(["ip", "netns", "add", probe], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        return "ip netns add failed here (%s); a container needs CAP_SYS_ADMIN" % r.stderr.strip()
    subprocess.run(["ip", "netns", "del", probe], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return None


def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale():
    # deletes namespaces of this suite (mm<pid>t<k>x) whose runner is gone
    r = subprocess.run(["ip", "netns", "list"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in r.stdout.splitlines():
        name = line.split(" ")[0]
        m = _STALE.match(name)
        if m and int(m.group(1)) != os.getpid() and not _pid_alive(int(m.group(1))):
            _kill_ns_pids(name)
            subprocess.run(["ip", "netns", "del", name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _kill_ns_pids(ns):
    # last resort: any process still inside one of our own namespaces was started by this suite
    r = subprocess.run(["ip", "netns", "pids", ns], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for word in r.stdout.split():
        if word.isdigit():
            try:
                os.kill(int(word), signal.SIGKILL)
            except OSError:
                pass


def figure(what, value):
    # a measured figure: printed now and again in the summary at exit
    FIGURES.append((what, value))
    sys.stderr.write("\n[netns figure] %s: %s\n" % (what, value))
    sys.stderr.flush()


class Net:
    def __init__(self, label, hosts):
        _counter[0] += 1
        self.label = label
        self.tag = "%s%d" % (PREFIX, _counter[0])
        self.switch = self.tag + "sw"
        self.hosts = {}  # letter -> (namespace, ip)
        self.procs = []
        self._made = []
        _open_nets.append(self)
        try:
            self._build(hosts)
        except BaseException:
            self.close()
            raise

    def _add_ns(self, name):
        _ip("netns", "add", name)
        self._made.append(name)
        _ip("link", "set", "lo", "up", ns=name)

    def _build(self, hosts):
        self._add_ns(self.switch)
        _ip("link", "add", "br0", "type", "bridge", ns=self.switch)
        _ip("link", "set", "br0", "type", "bridge", "mcast_snooping", "0", ns=self.switch, check=False)
        _ip("link", "set", "br0", "up", ns=self.switch)
        for i, h in enumerate(hosts):
            if not re.match("^[a-r]$", h):
                raise ValueError("hosts are single letters a-r, not %r" % h)
            ns = self.tag + h
            ip = "10.77.%d.%d" % (_RUN, 10 + i)
            self._add_ns(ns)
            port = "p" + h
            # both ends are made in the switch namespace, the host end moves straight to its namespace
            _ip("link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", ns, ns=self.switch)
            _ip("link", "set", port, "master", "br0", ns=self.switch)
            _ip("link", "set", port, "up", ns=self.switch)
            _ip("addr", "add", ip + "/24", "dev", "eth0", ns=ns)
            _ip("link", "set", "eth0", "multicast", "on", ns=ns)
            _ip("link", "set", "eth0", "up", ns=ns)
            self.hosts[h] = (ns, ip)
            self._routes(h)

    def _routes(self, h):
        ns = self.hosts[h][0]
        # no default route: a name lookup (a JVM's reverse lookup of its own address) then fails at
        # once instead of waiting for a DNS server that the test network does not have
        _ip("route", "replace", "224.0.0.0/4", "dev", "eth0", ns=ns)
        _ip("route", "replace", "255.255.255.255/32", "dev", "eth0", ns=ns)

    def ns(self, h):
        return self.hosts[h][0]

    def ip(self, h):
        return self.hosts[h][1]

    def run(self, h, argv, name=None, env=None):
        p = Proc(["ip", "netns", "exec", self.ns(h)] + list(argv), name or argv[0], env)
        self.procs.append(p)
        return p

    def cut(self, h):
        # the host's link goes down (as a board losing Wi-Fi); the kernel drops eth0's routes with it
        _ip("link", "set", "eth0", "down", ns=self.ns(h))
        return time.monotonic()

    def restore(self, h):
        # link up again, and the routes that went with it; returns the moment the network is back
        ns = self.ns(h)
        _ip("link", "set", "eth0", "up", ns=ns)
        self._routes(h)
        return time.monotonic()

    def close(self):
        for p in self.procs:
            p.stop()
        self.procs = []
        for name in reversed(self._made):
            _kill_ns_pids(name)
            subprocess.run(["ip", "netns", "del", name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._made = []
        if self in _open_nets:
            _open_nets.remove(self)


class Proc:
    # a child process whose stdout and stderr lines are collected, with their arrival times
    def __init__(self, argv, name, env=None):
        self.argv = argv
        self.name = name
        e = dict(os.environ)
        e.update(env or {})
        self.p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                  text=True, bufsize=1, env=e, start_new_session=True)
        self.pid = self.p.pid
        self.started = time.monotonic()
        self.lines = []  # (monotonic time, line)
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._eof = False
        _open_procs.append(self)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        try:
            for line in self.p.stdout:
                with self._cond:
                    self.lines.append((time.monotonic(), line.rstrip("\n")))
                    self._cond.notify_all()
        except (OSError, ValueError):
            pass
        with self._cond:
            self._eof = True
            self._cond.notify_all()

    def wait_for(self, match, timeout, since=None):
        # the first (time, line) with match(line) true (match may be a string to find), arriving
        # at or after `since` (a monotonic time), within timeout seconds; None if none
        if isinstance(match, str):
            text = match
            match = lambda line: text in line  # noqa: E731
        end = time.monotonic() + timeout
        i = 0
        with self._cond:
            while True:
                while i < len(self.lines):
                    t, line = self.lines[i]
                    i += 1
                    if (since is None or t >= since) and match(line):
                        return t, line
                left = end - time.monotonic()
                if left <= 0 or self._eof:
                    return None
                self._cond.wait(min(left, 0.2))

    def matching(self, match, since=None):
        with self._lock:
            return [(t, l) for t, l in self.lines if (since is None or t >= since) and match(l)]

    def send(self, text):
        try:
            self.p.stdin.write(text + "\n")
            self.p.stdin.flush()
            return True
        except (OSError, ValueError):
            return False

    def alive(self):
        return self.p.poll() is None

    def stop(self, grace=5.0):
        # SIGTERM to our child by its pid, SIGKILL after `grace` seconds
        if self.p.poll() is None:
            try:
                os.kill(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                self.p.wait(grace)
            except subprocess.TimeoutExpired:
                try:
                    os.kill(self.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.p.wait(5)
        for f in (self.p.stdin, self.p.stdout):
            try:
                f.close()
            except (OSError, ValueError):
                pass
        if self in _open_procs:
            _open_procs.remove(self)
        return self.p.returncode

    def log(self, n=40):
        # the first lines and the last n, without the publisher's one-line-per-value flood
        with self._lock:
            quiet = [(t, l) for t, l in self.lines if not l.startswith("published ")]
        tail = quiet if len(quiet) <= n + 10 else quiet[:10] + [(self.started, "...")] + quiet[-n:]
        return "--- %s (pid %d): %s\n  %s" % (self.name, self.pid, " ".join(self.argv[4:9]),
                                                "\n  ".join("%.3f %s" % (t - self.started, l) for t, l in tail))


class Ticker:
    # calls fn(i) every `every` seconds from a thread, i = 0, 1, 2, ... until stopped
    def __init__(self, every, fn):
        self.every = every
        self.fn = fn
        self._stop = threading.Event()
        self.t = threading.Thread(target=self._run, daemon=True)
        self.t.start()

    def _run(self):
        i = 0
        nxt = time.monotonic()
        while not self._stop.is_set() and i < 100000:
            self.fn(i)
            i += 1
            nxt += self.every
            self._stop.wait(max(0.0, nxt - time.monotonic()))

    def stop(self):
        self._stop.set()
        self.t.join(2)


def _at_exit():
    for p in list(_open_procs):
        p.stop(grace=2.0)
    for n in list(_open_nets):
        n.close()
    while _temp_dirs:
        shutil.rmtree(_temp_dirs.pop(), ignore_errors=True)
    if FIGURES:
        sys.stderr.write("\nnetns figures:\n" + "".join("  %-55s %s\n" % f for f in FIGURES))


atexit.register(_at_exit)


def _on_sigterm(signum, frame):
    # a runner stopped by SIGTERM (a CI timeout) cleans up and exits at once (unittest would
    # take a SystemExit raised inside a test for that test's error and go on)
    _at_exit()
    os._exit(128 + signum)


if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
    signal.signal(signal.SIGTERM, _on_sigterm)

# nodes: the mesh processes the netns tests start, one class per kind, with one way to
# ask each "did you meet NAME?" and "what values did you get?".
#
#   MicroPython: ../shared/tools/micropython/micropython host/run_node.py (the real unix port)
#   Java:        java -jar <jar> node|peers ... (the real CLI), and MeshTool.java (this folder) for a
#                Java node that publishes a counter every N ms (the CLI has no such verb)
#   zeroconf:    /usr/bin/python3 zc_browse.py (Debian's python3-zeroconf)
#
# MOTORMESH_MICROPYTHON and MOTORMESH_JAR override where the binaries are.
import glob
import os
import re
import signal
import subprocess
import sys
import time

from . import harness

HERE = os.path.dirname(os.path.abspath(__file__))
CLIENT = os.path.dirname(os.path.dirname(HERE))
REPO = os.path.dirname(CLIENT)
RUNNER = os.path.join(CLIENT, "host", "run_node.py")
MICROPYTHON = os.environ.get("MOTORMESH_MICROPYTHON") or os.path.join(
    REPO, "..", "shared", "tools", "micropython", "micropython")
SYSTEM_PYTHON = "/usr/bin/python3"
MESH_PORT = 47000  # every host has its own namespace, so every node can use the default port
_JARS = ("app/target/motormesh-[0-9]*.jar",)  # the versioned jar ./mvnw package leaves
_JVM = ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx192m"]
_cache = {}


def jar():
    if os.environ.get("MOTORMESH_JAR"):
        return os.environ["MOTORMESH_JAR"]
    for j in _JARS:
        found = glob.glob(os.path.join(REPO, j))
        if found:
            return max(found, key=os.path.getmtime)
    return None


def micropython_missing():
    if not os.access(MICROPYTHON, os.X_OK):
        return "no MicroPython unix port at %s (see ../shared/tools/micropython/README.md)" % os.path.normpath(
            MICROPYTHON)
    return None


def jar_missing():
    if jar() is None:
        return ("no motormesh jar (%s): build it with ./mvnw -B -q -o package -DskipTests -pl app -am"
                % " or ".join(_JARS))
    if not _which("java"):
        return "no java on PATH"
    return None


def zeroconf_missing():
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        return "no %s" % SYSTEM_PYTHON
    r = subprocess.run([SYSTEM_PYTHON, "-c", "import zeroconf"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if r.returncode != 0:
        return "python-zeroconf missing for %s (apt-get install python3-zeroconf)" % SYSTEM_PYTHON
    return None


def _which(cmd):
    return any(os.access(os.path.join(d, cmd), os.X_OK) for d in os.environ.get("PATH", "").split(os.pathsep))


def runner_style():
    # "flags" once run_node.py takes --name/--role/... (protocol v2), else the old key=value words
    if "style" not in _cache:
        with open(RUNNER) as f:
            text = f.read()
        _cache["style"] = "flags" if "--name" in text and "--hold-5353" in text else "words"
    return _cache["style"]


def _runner_has(flag):
    with open(RUNNER) as f:
        return flag in f.read()


class Node:
    # common queries over a Proc's lines; subclasses say how their lines look
    JOINED = None  # regex with group "name"
    LOST = None
    MESSAGE = None  # regex with groups "sender", "topic", "value"
    PUBLISHED = None  # regex with groups "topic", "value"

    def __init__(self, proc, name, ip):
        self.ready_at = proc.started
        self.proc = proc
        self.name = name
        self.ip = ip

    @property
    def addr(self):
        return "%s:%d" % (self.ip, MESH_PORT)

    def _m(self, rx, line):
        return rx.search(line) if rx else None

    def joined(self, name, timeout, since=None):
        hit = self.proc.wait_for(lambda l: (m := self._m(self.JOINED, l)) is not None and m.group("name") == name,
                                 timeout, since)
        return hit[0] if hit else None

    def lost(self, name, timeout, since=None):
        hit = self.proc.wait_for(lambda l: (m := self._m(self.LOST, l)) is not None and m.group("name") == name,
                                 timeout, since)
        return hit[0] if hit else None

    def _parse(self, line):
        # (sender, topic, value text) of a message line, else None; sender and topic may be None
        m = self._m(self.MESSAGE, line)
        if not m:
            return None
        d = m.groupdict()
        v = d.get("value") if d.get("value") is not None else d.get("angle")
        return d.get("sender"), d.get("topic"), (v or "").strip().strip("'\"")

    def message(self, timeout, since=None, topic=None, value=None):
        # the first message (time, sender, topic, value text) after `since` whose topic is `topic`
        # (if given and the line names one) and whose value satisfies value(text) (if given)
        def ok(line):
            m = self._parse(line)
            if not m:
                return False
            if topic is not None and m[1] is not None and m[1] != topic:
                return False
            return value is None or value(m[2])

        hit = self.proc.wait_for(ok, timeout, since)
        return (hit[0],) + self._parse(hit[1]) if hit else None

    def messages(self, since=None):
        return [(t,) + self._parse(l) for t, l in self.proc.matching(lambda l: self._parse(l) is not None, since)]

    def published(self, since=None):
        out = []
        for t, line in self.proc.matching(lambda l: self._m(self.PUBLISHED, l) is not None, since):
            m = self.PUBLISHED.search(line)
            out.append((t, m.group("topic"), m.group("value").strip("'\"")))
        return out

    def log(self):
        return self.proc.log()


class MpyNode(Node):
    JOINED = re.compile(r"^joined (?P<name>\S+)")
    LOST = re.compile(r"^lost (?P<name>\S+)")
    # "message FROM TOPIC VALUE"; a receiver's "servo ANGLE" counts as a message too (no sender
    # or topic: the receiver follows one controller)
    MESSAGE = re.compile(r"^(?:message (?P<sender>\S+) (?P<topic>\S+) (?P<value>.+)|servo (?P<angle>-?\d+))$")
    PUBLISHED = re.compile(r"^published (?P<topic>\S+) (?P<value>\S+)")

    @classmethod
    def start(cls, net, h, name, role, follow="", peers=(), mdns="auto", hold_5353=True, state=None, extra=()):
        # extra: more run_node flags (e.g. --scout-port 0)
        # hold_5353: a plain socket holds 0.0.0.0:5353 in the namespace first, without SO_REUSEADDR,
        # as the stock firmware's own mDNS responder does (so the node cannot be a responder)
        ip = net.ip(h)
        if hold_5353:
            holder = net.run(h, [sys.executable, os.path.join(HERE, "hold_port.py"), "5353"], "hold-5353-" + h)
            if not holder.wait_for("held", 10):
                raise AssertionError("could not hold 5353 in %s\n%s" % (net.ns(h), holder.log()))
        state = state or harness.tempdir("motormesh-netns-")
        argv = [MICROPYTHON, RUNNER]
        if runner_style() == "flags":
            argv += ["--name", name, "--role", role, "--iface", ip, "--port", str(MESH_PORT), "--mdns", mdns]
            argv += ["--follow", follow] if follow else []
            for p in peers:
                argv += ["--peer", p]
            if _runner_has("--state"):
                argv += ["--state", state]
            argv += list(extra)
        else:
            argv += ["name=" + name, "role=" + role, "iface=" + ip, "port=%d" % MESH_PORT, "mdns=" + mdns,
                     "state=" + state]
            argv += ["follow=" + follow] if follow else []
            argv += ["peer=" + p for p in peers]
        proc = net.run(h, argv, "mpy-" + name, env={"TMPDIR": state})
        node = cls(proc, name, ip)
        ready = proc.wait_for(lambda l: l.startswith("ready"), 10)
        if not ready:
            raise AssertionError("MicroPython node %s did not start\n%s" % (name, proc.log()))
        node.ready_at = ready[0]
        return node

    def knob(self, angle):
        return self.proc.send("%d" % angle)

    def pub(self, topic, value):
        return self.proc.send("pub %s %s" % (topic, value))


class JavaNode(Node):
    # the real CLI: java -jar motormesh.jar node --name N --interface IP [--sub P] [--peer H:P]
    JOINED = re.compile(r"peer joined: (?P<name>\S+) ")
    LOST = re.compile(r"peer lost: (?P<name>\S+) ")
    MESSAGE = re.compile(r" - (?P<topic>\S+) = (?P<value>.*?)  \(from (?P<sender>[^)]+)\)")

    @classmethod
    def start(cls, net, h, name, peers=(), sub=None, extra=()):
        argv = ["java"] + _JVM + ["-jar", jar(), "node", "--name", name, "--interface", net.ip(h),
                                  "--port", str(MESH_PORT)]
        for p in peers:
            argv += ["--peer", p]
        if sub is not None:
            argv += ["--sub", sub]
        proc = net.run(h, argv + list(extra), "java-" + name)
        node = cls(proc, name, net.ip(h))
        # its first log line (the node's address) marks it up; the JVM takes a fraction of a second
        first = proc.wait_for(lambda l: True, 20)
        if not first:
            raise AssertionError("Java node %s did not start\n%s" % (name, proc.log()))
        node.ready_at = first[0]
        return node

    @staticmethod
    def peers(net, h, wait_ms=2500):
        # java -jar motormesh.jar peers --json in host h: the names it found
        argv = ["ip", "netns", "exec", net.ns(h), "java"] + _JVM + [
            "-jar", jar(), "peers", "--json", "--interface", net.ip(h), "--wait-ms", str(wait_ms)]
        r = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
        return re.findall(r'"name":"([^"]+)"', r.stdout), r.stdout + r.stderr


def _old_layout(src):
    # MeshTool.java for a jar from before the re-layout (API classes in org.motormesh.node)
    src = src.replace("import org.motormesh.mesh.", "import org.motormesh.node.")
    return src.replace("import org.motormesh.proto.v1.Qos;", "import org.motormesh.node.Qos;").replace(
        "Qos.QOS_LATEST", "Qos.LATEST")


def _mesh_tool_classes():
    # MeshTool.java compiled once per run against the jar (its layout, then the older one)
    if "tool" not in _cache:
        out = harness.tempdir("motormesh-netns-java-")
        with open(os.path.join(HERE, "MeshTool.java")) as f:
            src = f.read()
        errors = []
        for variant in (src, _old_layout(src)):
            path = os.path.join(out, "MeshTool.java")
            with open(path, "w") as f:
                f.write(variant)
            r = subprocess.run(["javac", "-nowarn", "-cp", jar(), "-d", out, path],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
            if r.returncode == 0:
                _cache["tool"] = out
                break
            errors.append(r.stdout)
        else:
            raise AssertionError("MeshTool.java does not compile against %s:\n%s" % (jar(), errors[0]))
    return _cache["tool"]


class JavaTool(Node):
    # a Java node that can publish a value every N ms (MeshTool.java); same words as run_node
    JOINED = MpyNode.JOINED
    LOST = MpyNode.LOST
    MESSAGE = re.compile(r"^message (?P<sender>\S+) (?P<topic>\S+) (?P<value>.+)$")
    PUBLISHED = MpyNode.PUBLISHED

    @classmethod
    def start(cls, net, h, name, peers=(), sub=None, publish=None, every_ms=0, extra=()):
        # extra: more MeshTool flags (--qos 1, --series N, --paused, --scout-port 0, --no-mdns)
        cp = jar() + os.pathsep + _mesh_tool_classes()
        argv = ["java"] + _JVM + ["-cp", cp, "MeshTool", "--name", name, "--interface", net.ip(h),
                                  "--port", str(MESH_PORT)]
        for p in peers:
            argv += ["--peer", p]
        if sub is not None:
            argv += ["--sub", sub]
        if publish:
            argv += ["--publish", publish, "--every-ms", str(every_ms)]
        argv += list(extra)
        proc = net.run(h, argv, "javatool-" + name)
        node = cls(proc, name, net.ip(h))
        ready = proc.wait_for(lambda l: l.startswith("ready"), 30)
        if not ready:
            raise AssertionError("Java MeshTool %s did not start\n%s" % (name, proc.log()))
        node.ready_at = ready[0]
        return node

    def pub(self, topic, value):
        return self.proc.send("pub %s %s" % (topic, value))

    def band(self, base):
        return self.proc.send("band %d" % base)

    def subscribers(self, topic, want, timeout):
        # waits until the node knows `want` peers subscribed to topic; True if it did in time
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            since = time.monotonic()
            self.proc.send("subscribers " + topic)
            hit = self.proc.wait_for(lambda l: l.startswith("subscribers %s " % topic), 5, since)
            if hit and int(hit[1].split()[2]) >= want:
                return True
            time.sleep(0.1)
        return False

    def pause(self):
        return self.proc.send("pause")

    def resume(self):
        return self.proc.send("resume")


class Relay:
    # relay.py (this folder) in host h: a userspace UDP impairment relay; node A sends to
    # relay.addr as if it were target (IP:PORT), and the relay adds loss/dup/reorder/delay
    # The relay's host gets a second address for the side facing the target, so the target sees
    # Hellos from the port they name (the board client drops any other as BAD_PORT).
    def __init__(self, net, h, target, seed=1):
        tip, tport = target.split(":")
        self.addr = "%s:%d" % (net.ip(h), MESH_PORT)
        a, b, c, d = net.ip(h).split(".")
        b_side = "%s.%s.%s.%d" % (a, b, c, int(d) + 100)
        harness._ip("addr", "add", b_side + "/24", "dev", "eth0", ns=net.ns(h))
        self.proc = net.run(h, [sys.executable, os.path.join(HERE, "relay.py"), net.ip(h), str(MESH_PORT), tip,
                                tport, str(seed), b_side], "relay-" + h)
        if not self.proc.wait_for(lambda l: l.startswith("ready"), 10):
            raise AssertionError("relay did not start\n" + self.proc.log())

    def set(self, **faults):
        # set(loss=0.2, dup=0.1, reorder=0.1, delay=2, jitter=3); waits for the relay's "ok"
        since = time.monotonic()
        self.proc.send("set " + " ".join("%s %s" % kv for kv in faults.items()))
        hit = self.proc.wait_for(lambda l: l.startswith("ok ") or l.startswith("error "), 5, since)
        if not hit or hit[1].startswith("error"):
            raise AssertionError("relay refused %r: %s" % (faults, hit))

    def stats(self):
        # {"in": .., "out": .., "dropped": .., ...} as counted so far
        since = time.monotonic()
        self.proc.send("stats")
        hit = self.proc.wait_for(lambda l: l.startswith("stats "), 5, since)
        return {k: int(v) for k, v in (w.split("=") for w in hit[1].split()[1:])} if hit else {}


class ChannelServer:
    # java -jar motormesh.jar channel-server --no-tls in host h, and a listening page (channel_tap.py)
    PORT = 8765

    def __init__(self, net, h, channel="fault"):
        self.net, self.h = net, h
        self.url = "ws://%s:%d/test/api/channels/%s" % (net.ip(h), self.PORT, channel)
        argv = ["java"] + _JVM + ["-jar", jar(), "channel-server", "--host", net.ip(h), "--port", str(self.PORT),
                                  "--no-tls", "--status-every", "1", "--config-dir", harness.tempdir("motormesh-cs-")]
        self.server = net.run(h, argv, "channel-server")
        if not self.server.wait_for("channel server on", 30):
            raise AssertionError("channel server did not start\n" + self.server.log())
        self.tap = net.run(h, [sys.executable, os.path.join(HERE, "channel_tap.py"), self.url], "channel-tap")
        if not self.tap.wait_for(lambda l: l.startswith("welcome "), 10):
            raise AssertionError("channel tap did not connect\n" + self.tap.log())

    def status(self, since=None):
        # from its latest status line: (peak connections, {drop reason: count}), or None
        hit = self.server.matching(lambda l: l.startswith("clients ") and "(peak " in l, since)
        if not hit:
            return None
        line = hit[-1][1]
        peak = int(re.search(r"\(peak (\d+)\)", line).group(1))
        return peak, {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)", line.partition("| dropped ")[2])}

    def hostile_page(self, topics, count, seconds):
        # another client on the channel that posts as fast as it can (channel_tap.py ... flood);
        # returns (posts, seconds) once it is done
        page = self.net.run(self.h, [sys.executable, os.path.join(HERE, "channel_tap.py"), self.url, "flood",
                                     str(topics), str(count), str(seconds)], "hostile-page")
        hit = page.wait_for(lambda l: l.startswith("flooded "), seconds + 20)
        if not hit:
            raise AssertionError("the hostile page did not flood\n" + page.log())
        w = hit[1].split()
        return int(w[1]), float(w[2])

    def values(self, topic):
        # (time, sender client id, value text) of every data frame on topic, in arrival order
        out = []
        for t, line in self.tap.matching(lambda l: l.startswith("channel ")):
            w = line.split(" ", 3)
            if len(w) == 4 and w[2] == topic:
                out.append((t, w[1], w[3]))
        return out


class JavaBridge(Node):
    # the real CLI: java -jar motormesh.jar bridge --channel URL ... ; logs "bridge role X -> Y"
    JOINED = JavaNode.JOINED
    LOST = JavaNode.LOST

    @classmethod
    def start(cls, net, h, name, channel, priority, peers=(), extra=()):
        argv = ["java"] + _JVM + ["-jar", jar(), "bridge", "--channel", channel, "--name", name, "--interface",
                                  net.ip(h), "--port", str(MESH_PORT), "--priority", str(priority), "--no-mdns",
                                  "--rate", "0", "--status-every", "1"]
        for p in peers:
            argv += ["--peer", p]
        proc = net.run(h, argv + list(extra), "bridge-" + name)
        node = cls(proc, name, net.ip(h))
        if not proc.wait_for(lambda l: l.startswith("bridge " + name), 30):
            raise AssertionError("bridge %s did not start\n%s" % (name, proc.log()))
        return node

    def role(self, word, timeout, since=None):
        # when the bridge's role became `word` (active, standby), or None
        hit = self.proc.wait_for(lambda l: ("bridge role " in l and l.endswith("-> " + word)), timeout, since)
        return hit[0] if hit else None

    def kill(self):
        # SIGKILL: no Bye, no link close; the kernel closes its sockets
        t = time.monotonic()
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.p.wait(5)
        return t


class Browser:
    # python-zeroconf browsing _motormesh._udp.local. in host h; "service NAME ..." lines
    @classmethod
    def start(cls, net, h, seconds, expect=()):
        argv = [SYSTEM_PYTHON, os.path.join(HERE, "zc_browse.py"), net.ip(h), str(seconds)] + list(expect)
        b = cls()
        b.proc = net.run(h, argv, "zeroconf")
        return b

    def services(self):
        out = {}
        for t, line in self.proc.matching(lambda l: l.startswith("service ")):
            w = line.split(" ")
            out[w[1]] = (t, line)
        return out

    def done(self, timeout):
        return self.proc.wait_for(lambda l: l.startswith("all ") or l.startswith("timeout"), timeout)

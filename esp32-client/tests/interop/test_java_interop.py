# Interop on loopback with the Java node (app/target/motormesh-VERSION.jar): the host
# runner and the Java CLI, both ways, with and without a group key, over the mDNS
# responder path and the query-fallback path. Not part of the default discover run:
#
#   cd esp32-client && MOTORMESH_INTEROP=1 python3 -m unittest tests.interop.test_java_interop -v
#
# MOTORMESH_JAR overrides the jar's path. Builds nothing itself.
import glob
import os
import queue
import random
import subprocess
import tempfile
import sys
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
CLIENT = os.path.dirname(os.path.dirname(HERE))


def _jar():
    # the versioned jar ./mvnw package leaves (app/target/motormesh-VERSION.jar), the newest if several
    target = os.path.join(CLIENT, "..", "app", "target")
    found = glob.glob(os.path.join(target, "motormesh-[0-9]*.jar"))
    return max(found, key=os.path.getmtime) if found else os.path.join(target, "motormesh-VERSION.jar")


JAR = os.environ.get("MOTORMESH_JAR") or _jar()
RUNNER = os.path.join(CLIENT, "host", "run_node.py")
ENABLED = os.environ.get("MOTORMESH_INTEROP") == "1"
_WAIT_S = 15


class Proc:
    # a child process whose stdout lines are collected by a thread
    def __init__(self, argv):
        self.argv = argv
        self.p = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
        )
        self.lines = []
        self._q = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.p.stdout:
            self._q.put(line.rstrip("\n"))

    def wait_for(self, *words, timeout=_WAIT_S):
        # the first line holding every word, or None after timeout seconds
        end = time.monotonic() + timeout
        for line in self.lines:
            if all(w in line for w in words):
                return line
        while time.monotonic() < end:
            try:
                line = self._q.get(timeout=0.1)
            except queue.Empty:
                if self.p.poll() is not None and self._q.empty():
                    return None
                continue
            self.lines.append(line)
            if all(w in line for w in words):
                return line
        return None

    def send(self, text):
        if self.p.stdin.closed:
            return
        self.p.stdin.write(text + "\n")
        self.p.stdin.flush()

    def stop(self):
        if self.p.poll() is None:
            self.p.terminate()
            try:
                self.p.wait(10)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()
        self.wait_for("\0", timeout=0.3)
        for f in (self.p.stdin, self.p.stdout):
            try:
                f.close()
            except OSError:
                pass
        return self.p.returncode

    def log(self):
        return " ".join(self.argv[:4]) + "\n  " + "\n  ".join(self.lines[-30:])


@unittest.skipUnless(ENABLED, "set MOTORMESH_INTEROP=1 to run the Java interop tests")
class JavaInteropTest(unittest.TestCase):
    def setUp(self):
        if not os.path.exists(JAR):
            self.skipTest("no %s: build it with ./mvnw -B -DskipTests package -pl app -am" % JAR)
        self.tag = "%04x" % random.getrandbits(16)
        self.procs = []
        # the runners' boot-epoch files go here, not in /tmp, and leave with the test
        self.state = tempfile.TemporaryDirectory(prefix="motormesh-interop-")

    def tearDown(self):
        for p in self.procs:
            p.stop()
        self.state.cleanup()

    def python(self, name, role, mdns, key, *extra):
        argv = [sys.executable, "-u", RUNNER, "name=" + name, "role=" + role, "iface=127.0.0.1", "mdns=" + mdns,
                "state=" + self.state.name]
        argv += ["key=" + key] if key else []
        p = Proc(argv + list(extra))
        self.procs.append(p)
        self.assertTrue(p.wait_for("ready", name), p.log())
        return p

    def java(self, verb, name, key, *args):
        argv = ["java", "-jar", JAR, verb, "--interface=127.0.0.1", "--name=" + name]
        argv += ["--group-key=" + key] if key else []
        p = Proc(argv + list(args))
        self.procs.append(p)
        return p

    def _key(self, keyed):
        # a fresh key per test keeps other loopback meshes on this machine out
        return "interop-" + self.tag if keyed else None

    def java_to_python(self, mdns, keyed):
        key = self._key(keyed)
        rx = self.python("py-rx-" + self.tag, "receiver", mdns, key)
        jname = "java-pub-" + self.tag
        topic = "/SM/%s/angle" % jname
        pub = self.java("pub", jname, key, "--qos=1", "--wait-ms=8000", topic, "42")
        self.assertTrue(rx.wait_for("message", jname, topic, "42"), rx.log() + "\n" + pub.log())
        self.assertTrue(rx.wait_for("servo 42"), rx.log())

    def python_to_java(self, mdns, keyed):
        key = self._key(keyed)
        jname = "java-sub-" + self.tag
        sub = self.java("sub", jname, key, "--count=1", "--timeout=%d" % _WAIT_S, "/SM/")
        time.sleep(1.0)
        ctl = self.python("py-ctl-" + self.tag, "controller", mdns, key)
        self.assertTrue(ctl.wait_for("joined", jname), ctl.log() + "\n" + sub.log())
        ctl.send("77")
        self.assertTrue(sub.wait_for("/SM/py-ctl-%s/angle" % self.tag, "77"), sub.log() + "\n" + ctl.log())
        ctl.stop()
        self.assertEqual(ctl.p.returncode, 0, ctl.log())

    def test_should_receive_from_java_over_the_responder_path(self):
        self.java_to_python("responder", False)

    def test_should_receive_from_java_over_the_responder_path_with_a_group_key(self):
        self.java_to_python("responder", True)

    def test_should_receive_from_java_over_the_query_path(self):
        self.java_to_python("query", False)

    def test_should_receive_from_java_over_the_query_path_with_a_group_key(self):
        self.java_to_python("query", True)

    def test_should_send_to_java_over_the_responder_path(self):
        self.python_to_java("responder", False)

    def test_should_send_to_java_over_the_responder_path_with_a_group_key(self):
        self.python_to_java("responder", True)

    def test_should_send_to_java_over_the_query_path(self):
        self.python_to_java("query", False)

    def test_should_send_to_java_over_the_query_path_with_a_group_key(self):
        self.python_to_java("query", True)

    def test_should_reach_a_java_node_by_static_peer_without_mdns(self):
        key = self._key(True)
        jname = "java-node-" + self.tag
        port = 47700 + random.getrandbits(8)
        node = self.java("node", jname, key, "--no-mdns", "--port=%d" % port)
        time.sleep(1.5)
        rx = self.python("py-seed-" + self.tag, "node", "off", key, "peer=127.0.0.1:%d" % port)
        self.assertTrue(rx.wait_for("joined", jname), rx.log() + "\n" + node.log())
        self.assertTrue(node.wait_for("py-seed-" + self.tag), node.log())

    def test_should_meet_a_java_node_by_scouting_alone_both_ways(self):
        # protocol v2: no mDNS, no seeds; both on a private scout port (other loopback meshes
        # on this machine may be scouting on 47001)
        key = self._key(True)
        scout = "%d" % (47100 + random.getrandbits(9))
        jname = "java-scout-" + self.tag
        node = self.java("node", jname, key, "--no-mdns", "--scout-port=" + scout, "--sub=/SM/")
        rx = self.python("py-scout-" + self.tag, "controller", "off", key, "scout_port=" + scout)
        self.assertTrue(rx.wait_for("joined", jname), rx.log() + "\n" + node.log())
        self.assertTrue(node.wait_for("py-scout-" + self.tag), node.log())
        rx.send("33")
        self.assertTrue(node.wait_for("/SM/py-scout-%s/angle" % self.tag, "33"), node.log() + "\n" + rx.log())


if __name__ == "__main__":
    unittest.main()

# Two boards, two MicroPython (unix port) processes on loopback running host/board_sim.py
# (supervisor, device, app, the real Loop and sockets, mDNS off, seeded to each other):
# they pair by simulated button presses, the receiver follows the controller's knob, and
# the pairing survives a restart of the receiver. CPython drives; skipped without the
# MicroPython binaries.
import os
import sys
import time
import unittest

try:
    import queue
    import shutil
    import socket
    import subprocess
    import tempfile
    import threading
except ImportError:  # MicroPython: the test is skipped
    subprocess = None

_CLIENT = os.getcwd()  # esp32-client: both runners start there
_TOOLS = os.getenv("MOTORMESH_MICROPYTHON") or _CLIENT + "/../../shared/tools/micropython"
_MP = _TOOLS + "/micropython"


def free_ports(n):
    socks = [socket.socket(socket.AF_INET, socket.SOCK_DGRAM) for _ in range(n)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


class Board:
    # one board_sim process; lines() waits for an output line
    def __init__(self, folder, uid, port, peer, role, scout):
        # scout: a scouting port of their own (never meeting other tests' nodes on 47001)
        self.args = [_MP, os.path.join(_CLIENT, "host", "board_sim.py"), "dir=" + folder, "uid=" + uid,
                     "port=%d" % port, "peer=127.0.0.1:%d" % peer, "role=" + role, "scout-port=%d" % scout]
        self.out = []
        self.p = None

    def start(self):
        self.q = queue.Queue()
        self.p = subprocess.Popen(self.args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, args=(self.p, self.q), daemon=True).start()
        return self

    def _read(self, p, q):
        for line in p.stdout:
            q.put(line.rstrip("\n"))

    def send(self, line):
        self.p.stdin.write(line + "\n")
        self.p.stdin.flush()

    def wait_for(self, prefix, timeout=10.0):
        end = time.time() + timeout
        while time.time() < end:
            try:
                line = self.q.get(timeout=max(0.01, end - time.time()))
            except queue.Empty:
                break
            self.out.append(line)
            if line.startswith(prefix):
                return line
        raise AssertionError("no %r within %.0f s; got:\n%s" % (prefix, timeout, "\n".join(self.out[-30:])))

    def press(self, button, ms):
        self.send("down %d" % button)
        time.sleep(ms / 1000)
        self.send("up %d" % button)

    def stop(self):
        if self.p and self.p.poll() is None:
            self.p.kill()
            self.p.wait()
        if self.p:
            self.p.stdin.close()
            self.p.stdout.close()


class TwoBoardTest(unittest.TestCase):
    def setUp(self):
        if sys.implementation.name == "micropython" or subprocess is None:
            self.skipTest("drives MicroPython processes from CPython")
        if not os.access(_MP, os.X_OK):
            self.skipTest("no MicroPython unix port at %s (../shared/tools/micropython)" % os.path.normpath(_MP))
        if not os.path.exists(os.path.join(_CLIENT, "host", "board_sim.py")):
            self.skipTest("run from esp32-client")
        self.tmp = tempfile.mkdtemp(prefix="motormesh-two-")
        p_ctl, p_rx, p_scout = free_ports(3)
        self.ctl = Board(os.path.join(self.tmp, "ctl"), "240ac4000c01", p_ctl, p_rx, "controller", p_scout)
        self.rx = Board(os.path.join(self.tmp, "rx"), "240ac4000d02", p_rx, p_ctl, "receiver", p_scout)

    def tearDown(self):
        self.ctl.stop()
        self.rx.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_should_pair_by_buttons_follow_the_knob_and_keep_the_pairing_after_a_restart(self):
        self.ctl.start()
        self.rx.start()
        self.ctl.wait_for("joined motor-000d02")
        self.rx.wait_for("joined motor-000c01")
        self.ctl.send("30")
        self.ctl.wait_for("published /SM/motor-000c01/angle 30 to 0")  # nobody follows yet
        self.ctl.press(8, 1300)  # hold PAIR on the controller
        self.ctl.wait_for("pairing 10 s")
        self.rx.wait_for("pair offer motor-000c01")
        self.rx.press(8, 150)  # press PAIR on the receiver
        self.rx.wait_for("paired motor-000c01")
        # protocol v2: the new subscription gets the controller's current angle at once
        self.assertEqual(self.rx.wait_for("servo "), "servo 30")
        self.ctl.send("120")
        self.assertEqual(self.rx.wait_for("servo "), "servo 120")
        self.rx.stop()
        self.rx.start()  # a reboot: the same flash folder
        self.rx.wait_for("joined motor-000c01")
        self.assertEqual(self.rx.wait_for("servo "), "servo 120", "a receiver that reboots moves to the angle at once")
        self.ctl.send("60")
        self.assertEqual(self.rx.wait_for("servo "), "servo 60")
        self.assertEqual([line for line in self.rx.out if line.startswith("paired")], ["paired motor-000c01"])


if __name__ == "__main__":
    unittest.main()

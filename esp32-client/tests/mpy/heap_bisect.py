# heap_bisect: the smallest MicroPython heap (-X heapsize) in which a controller and a
# receiver each run for N seconds on loopback, talking to a partner with a roomy heap.
# Candidates run in parallel: a coarse round (8 KB apart), then a fine one (1 KB apart).
#
#   python3 tests/mpy/heap_bisect.py [--seconds 60] [--entry host/board_sim.py]
#       [--binary micropython-32] [--lo 16] [--hi 96] [--mpy] [--roles controller,receiver]
#       [--frozen]
#
# --frozen: the binary (a path) has the package and the entry frozen in, as a firmware built
# with them would (see README "Footprint"); the entry runs with -m from an empty folder.
#
# The entry takes run_node.py's arguments (name= role= iface= port= peer= follow= mdns=off
# seconds= scout-port=) and reads knob angles, one per line, on stdin. A run passes when the subject
# ends by itself (rc 0, no MemoryError) and the receiver moved its servo at least 20 times.
import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CLIENT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
from run_unix import command, tools_dir  # noqa: E402

_MIN_MOVES = 20
FROZEN = [None]  # with --frozen: an empty folder the subjects run in


def free_ports(n):
    socks = []
    for _ in range(n):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        s.bind(("127.0.0.1", 0))
        socks.append(s)
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


def build_tree(mpy):
    # a temporary copy of the client (host/, motormesh/, tests/fakes/): sources, or
    # .mpy files built by mpy-cross as build_mpy.py builds them (its options, short names)
    sys.path.insert(0, CLIENT)
    import build_mpy

    root = tempfile.mkdtemp(prefix="motormesh-heap-")
    for folder in ("host", "motormesh", os.path.join("tests", "fakes")):
        os.makedirs(os.path.join(root, folder))
        for f in os.listdir(os.path.join(CLIENT, folder)):
            if not f.endswith(".py"):
                continue
            src = os.path.join(folder, f)
            if mpy:
                out = os.path.join(root, folder, f[:-3] + ".mpy")
                cmd = [os.path.join(tools_dir(), "mpy-cross")] + build_mpy.OPTS + ["-o", out, "-s", src, src]
                subprocess.run(cmd, cwd=CLIENT, check=True)
            else:
                shutil.copy(os.path.join(CLIENT, src), os.path.join(root, folder, f))
    return root


def start(binary, heap_kb, entry, args, state):
    # a .py entry runs as a script; a .mpy one (--mpy) with -m from its folder, so the
    # entry is not compiled in the heap being measured either
    cmd = list(binary)
    if heap_kb:
        cmd += ["-X", "heapsize=%dK" % heap_kb]
    cwd = None
    if FROZEN[0]:
        cwd = FROZEN[0]
        cmd += ["-m", entry.rpartition("/")[2].rpartition(".")[0]]
    elif entry.endswith(".mpy"):
        cwd, _, name = entry.rpartition("/")
        cmd += ["-m", name[:-4]]
    else:
        cmd += [entry]
    cmd += args + ["state=" + state]
    return subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def feed(proc, seconds):
    # a knob swept back and forth, a new angle every 50 ms
    end = time.time() + seconds
    a, step = 0, 7
    try:
        while time.time() < end and proc.poll() is None:
            proc.stdin.write("%d\n" % a)
            proc.stdin.flush()
            a += step
            if a > 180 or a < 0:
                step = -step
                a += 2 * step
            time.sleep(0.05)
    except (BrokenPipeError, OSError, ValueError):
        pass


def collect(proc, timeout):
    # its output once it ends (communicate() would close stdin, and so the knob)
    out = []
    reader = threading.Thread(target=lambda: out.append(proc.stdout.read()), daemon=True)
    reader.start()
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    reader.join(5)
    return out[0] if out else ""


def trial(opts, tree, role, heap_kb):
    # True when the subject (this role, this heap) survives the run and values flowed
    other = "receiver" if role == "controller" else "controller"
    p_sub, p_peer, p_scout = free_ports(3)
    state = tempfile.mkdtemp(prefix="motormesh-state-")
    names = {role: "heap-%s-%d" % (role[:3], heap_kb), other: "heap-%s-%dp" % (other[:3], heap_kb)}
    ctl = names["controller"]
    # a scouting port of its own: the pair meets by scouting too, but never the other trials
    common = ["iface=127.0.0.1", "mdns=off", "seconds=%d" % opts.seconds, "scout-port=%d" % p_scout]

    def args(r, port, peer):
        a = ["name=" + names[r], "role=" + r, "port=%d" % port, "peer=127.0.0.1:%d" % peer] + common
        return a + (["follow=" + ctl] if r == "receiver" else [])

    entry = os.path.join(tree, opts.entry[:-3] + ".mpy" if opts.mpy else opts.entry)
    binary = opts.command
    sub = start(binary, heap_kb, entry, args(role, p_sub, p_peer), state)
    peer = start(binary, 0, entry, args(other, p_peer, p_sub), state)
    knob = sub if role == "controller" else peer
    t = threading.Thread(target=feed, args=(knob, opts.seconds), daemon=True)
    t.start()
    out_sub = collect(sub, opts.seconds + 30)
    out_peer = collect(peer, 30)
    shutil.rmtree(state, ignore_errors=True)
    rx_out = out_sub if role == "receiver" else out_peer
    moves = sum(1 for line in rx_out.splitlines() if line.startswith("servo "))
    ok = sub.returncode == 0 and "MemoryError" not in out_sub and "Traceback" not in out_sub and moves >= _MIN_MOVES
    ok = ok and (" errors=" not in out_sub or " errors=0 " in out_sub)  # board_sim: no restart either
    if opts.verbose or (not ok and "MemoryError" not in out_sub):
        print("  %s %d KB: rc=%s moves=%d %s" % (role, heap_kb, sub.returncode, moves, out_sub.strip().splitlines()[-(12 if opts.verbose else 1):] or ""))
    return ok


def round_of(opts, tree, role, sizes):
    results = {}
    threads = []

    def one(kb):
        results[kb] = trial(opts, tree, role, kb)

    for kb in sizes:
        th = threading.Thread(target=one, args=(kb,))
        th.start()
        threads.append(th)
    for th in threads:
        th.join()
    print("  %s: %s" % (role, " ".join("%dK:%s" % (kb, "ok" if results[kb] else "x") for kb in sizes)))
    return results


def smallest(results):
    # the smallest size above the largest failure, or None when the largest fails
    sizes = sorted(results)
    best = None
    for kb in reversed(sizes):
        if not results[kb]:
            break
        best = kb
    return best


def bisect(opts, tree, role):
    coarse = list(range(opts.lo, opts.hi + 1, 8))
    best = smallest(round_of(opts, tree, role, coarse))
    if best is None:
        return None
    fine = list(range(max(opts.lo, best - 7), best))
    if fine:
        res = round_of(opts, tree, role, fine)
        res[best] = True
        found = smallest(res)
        best = found or best
    return best


def main(argv):
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--entry", default="host/run_node.py")
    ap.add_argument("--binary", default="micropython-32")
    ap.add_argument("--lo", type=int, default=16)
    ap.add_argument("--hi", type=int, default=96)
    ap.add_argument("--mpy", action="store_true", help="run from .mpy files built by mpy-cross")
    ap.add_argument("--roles", default="controller,receiver")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--frozen", action="store_true", help="the binary has the package and the entry frozen in")
    opts = ap.parse_args(argv)
    opts.command = command(os.path.join(tools_dir(), opts.binary))
    tree = build_tree(opts.mpy)
    if opts.frozen:
        FROZEN[0] = os.path.join(tree, "empty", "cwd")
        os.makedirs(FROZEN[0])
    found = {}
    try:
        threads = []
        for role in opts.roles.split(","):
            th = threading.Thread(target=lambda r=role: found.__setitem__(r, bisect(opts, tree, r)))
            th.start()
            threads.append(th)
        for th in threads:
            th.join()
    finally:
        shutil.rmtree(tree, ignore_errors=True)
    kind = "frozen" if opts.frozen else ".mpy" if opts.mpy else ".py"
    for role in opts.roles.split(","):
        kb = found.get(role)
        print("%s (%s, %s, %d s): %s" % (role, opts.binary, kind, opts.seconds, "%d KB" % kb if kb else "none up to %d KB" % opts.hi))
    return 0 if all(found.get(r) for r in opts.roles.split(",")) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

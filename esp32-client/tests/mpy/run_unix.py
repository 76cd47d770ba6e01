# run_unix: every tests/test_*.py module under the real MicroPython unix port, 64- and
# 32-bit (../shared/tools/micropython beside the repository, or $MOTORMESH_MICROPYTHON),
# one process per module and binary, in parallel. Exits non-zero on any failure.
# A kernel without 32-bit support (no IA32 emulation) runs micropython-32 under
# qemu-i386 (Debian's qemu-user): same binary, same heap, only slower.
#
#   python3 tests/mpy/run_unix.py [test_module ...]
import errno
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
CLIENT = os.path.dirname(os.path.dirname(HERE))
REPO = os.path.dirname(CLIENT)
BINARIES = ("micropython", "micropython-32")
TIMEOUT_S = 110


def tools_dir():
    return os.environ.get("MOTORMESH_MICROPYTHON") or os.path.join(REPO, "..", "shared", "tools", "micropython")


def command(path):
    # [path] when this machine runs the binary, else [qemu-i386, path] for a 32-bit one
    try:
        subprocess.run([path, "-c", "pass"], capture_output=True, timeout=30)
        return [path]
    except OSError as e:
        qemu = shutil.which("qemu-i386")
        if e.errno != errno.ENOEXEC or not qemu:
            sys.exit("cannot run %s (%s); a kernel without 32-bit support needs qemu-i386 (apt-get install qemu-user)"
                     % (path, e))
        return [qemu, path]


def binaries():
    # [(label, path)] or raises SystemExit with a clear message
    d = os.path.normpath(tools_dir())
    found = [(b, os.path.join(d, b)) for b in BINARIES]
    missing = [p for b, p in found if not os.access(p, os.X_OK)]
    if missing:
        sys.exit(
            "MicroPython unix port not found: %s\n(expected ../shared/tools/micropython beside the repository"
            " with micropython and micropython-32, or set MOTORMESH_MICROPYTHON to that folder)"
            % ", ".join(missing)
        )
    return [(b, command(p)) for b, p in found]


def modules(argv):
    if argv:
        return [m if m.startswith("tests.") else "tests." + m for m in argv]
    names = sorted(f[:-3] for f in os.listdir(os.path.join(CLIENT, "tests")) if f.startswith("test_") and f.endswith(".py"))
    return ["tests." + n for n in names]


def run_one(job):
    label, path, module = job
    cmd = path + [os.path.join("tests", "mpy", "unix_main.py"), module]
    t0 = time.time()
    try:
        p = subprocess.run(cmd, cwd=CLIENT, capture_output=True, text=True, timeout=TIMEOUT_S)
        out, rc = p.stdout + p.stderr, p.returncode
    except subprocess.TimeoutExpired as e:
        out, rc = "%s\nTIMEOUT after %d s" % (e.stdout or "", TIMEOUT_S), -1
    counts = [0, 0, 0, 0]
    for line in out.splitlines():
        if line.startswith("TOTALS "):
            counts = [int(x) for x in line.split()[1:]]
    return label, module, rc, counts, out, time.time() - t0


def main(argv):
    jobs = [(label, path, m) for label, path in binaries() for m in modules(argv)]
    with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 2)) as pool:
        results = list(pool.map(run_one, jobs))
    ok = True
    totals = {}
    for label, module, rc, (run, failed, errors, skipped), out, secs in results:
        t = totals.setdefault(label, [0, 0, 0])
        t[0] += run - failed - errors - skipped
        t[1] += failed + errors
        t[2] += skipped
        bad = rc != 0 and not (run and run == skipped)
        if bad or failed or errors:
            ok = False
            t[1] += 0 if (failed or errors) else 1
            sys.stdout.write("---- %s %s (rc=%d, %.1f s)\n%s\n" % (label, module, rc, secs, out))
        else:
            for line in out.splitlines():
                if line.startswith("skip "):
                    print("%s %s: %s" % (label, module, line))
    for label, (passed, failed, skipped) in sorted(totals.items()):
        print("%s: %d passed, %d failed, %d skipped" % (label, passed, failed, skipped))
        ok = ok and passed > 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

# build_mpy: compiles motormesh/*.py to mpy/motormesh/*.mpy with the mpy-cross of
# ../shared/tools/micropython (MicroPython 1.28, bytecode v6.3: what the board's firmware
# loads) and writes package.json (the .mpy files, for the board) and package-src.json
# (the sources). Run it after changing any module:  python3 build_mpy.py
# In a working tree shared with uncommitted work, build what a commit holds instead:
#   python3 build_mpy.py --rev HEAD
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
VERSION = "0.2.0"
DEPS = [["ssd1306", "latest"]]


def mpy_cross():
    d = os.environ.get("MOTORMESH_MICROPYTHON") or os.path.join(HERE, "..", "..", "shared", "tools", "micropython")
    path = os.path.normpath(os.path.join(d, "mpy-cross"))
    if not os.access(path, os.X_OK):
        sys.exit("mpy-cross not found at %s (../shared/tools/micropython beside the repository, or set MOTORMESH_MICROPYTHON)" % path)
    return path


# -O3: no line-number tables (2 KB less RAM on the board; a traceback still names the file
# and function, and package-src.json installs the sources when lines are wanted)
OPTS = ["-O3"]


def modules():
    return sorted(f[:-3] for f in os.listdir(os.path.join(HERE, "motormesh")) if f.endswith(".py"))


def build(out_root, cross=None):
    # out_root/motormesh/NAME.mpy for every module; the source name embedded is
    # motormesh/NAME.py, so a traceback on the board names the file in the repository
    cross = cross or mpy_cross()
    out = os.path.join(out_root, "motormesh")
    os.makedirs(out, exist_ok=True)
    for m in modules():
        src = "motormesh/%s.py" % m
        subprocess.run([cross] + OPTS + ["-o", os.path.join(out, m + ".mpy"), "-s", src, src], cwd=HERE, check=True)
    for f in os.listdir(out):
        if f.endswith(".mpy") and f[:-4] not in modules():
            os.remove(os.path.join(out, f))


def manifest(ext, folder):
    urls = [["motormesh/%s.%s" % (m, ext), "%smotormesh/%s.%s" % (folder, m, ext)] for m in modules()]
    return {"urls": urls, "deps": DEPS, "version": VERSION}


def write_json(name, data):
    with open(os.path.join(HERE, name), "w") as f:
        f.write(json.dumps(data, indent=2) + "\n")


def from_rev(rev):
    # runs this script on the esp32-client of a commit, then copies its outputs here
    import shutil
    import tarfile
    import tempfile

    tmp = tempfile.mkdtemp()
    try:
        repo = os.path.dirname(HERE)
        data = subprocess.run(["git", "archive", rev, "esp32-client"], cwd=repo, check=True, capture_output=True).stdout
        tar = os.path.join(tmp, "tree.tar")
        with open(tar, "wb") as f:
            f.write(data)
        with tarfile.open(tar) as t:
            t.extractall(tmp)
        env = dict(os.environ, MOTORMESH_MICROPYTHON=os.path.dirname(mpy_cross()))
        subprocess.run([sys.executable, os.path.join(tmp, "esp32-client", "build_mpy.py")], check=True, env=env)
        shutil.rmtree(os.path.join(HERE, "mpy"), ignore_errors=True)
        shutil.copytree(os.path.join(tmp, "esp32-client", "mpy"), os.path.join(HERE, "mpy"))
        for name in ("package.json", "package-src.json"):
            shutil.copy(os.path.join(tmp, "esp32-client", name), os.path.join(HERE, name))
    finally:
        shutil.rmtree(tmp)


def main(argv):
    if argv[:1] == ["--rev"] and len(argv) == 2:
        return from_rev(argv[1])
    build(os.path.join(HERE, "mpy"))
    write_json("package.json", manifest("mpy", "mpy/"))
    write_json("package-src.json", manifest("py", ""))
    print("built %d modules into mpy/motormesh, wrote package.json and package-src.json" % len(modules()))


if __name__ == "__main__":
    main(sys.argv[1:])

# build_mpy: compiles motormesh/*.py to mpy/motormesh/*.mpy with the mpy-cross of
# ../shared/tools/micropython (MicroPython 1.28, bytecode v6.3: what the board's firmware
# loads) and writes package.json (the .mpy files, for the board) and package-src.json
# (the sources). Run it after changing any module:  python3 build_mpy.py
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
        subprocess.run([cross, "-o", os.path.join(out, m + ".mpy"), "-s", src, src], cwd=HERE, check=True)
    for f in os.listdir(out):
        if f.endswith(".mpy") and f[:-4] not in modules():
            os.remove(os.path.join(out, f))


def manifest(ext, folder):
    urls = [["motormesh/%s.%s" % (m, ext), "%smotormesh/%s.%s" % (folder, m, ext)] for m in modules()]
    return {"urls": urls, "deps": DEPS, "version": VERSION}


def write_json(name, data):
    with open(os.path.join(HERE, name), "w") as f:
        f.write(json.dumps(data, indent=2) + "\n")


def main():
    build(os.path.join(HERE, "mpy"))
    write_json("package.json", manifest("mpy", "mpy/"))
    write_json("package-src.json", manifest("py", ""))
    print("built %d modules into mpy/motormesh, wrote package.json and package-src.json" % len(modules()))


if __name__ == "__main__":
    main()

# Package tests: the mip manifests list every module, the committed .mpy files are what
# build_mpy.py makes of today's sources, and modules stay MicroPython-clean.
import json
import os
import sys
import unittest


def _modules():
    return sorted(f[:-3] for f in os.listdir("motormesh") if f.endswith(".py"))


def _load(name):
    with open(name) as f:
        return json.load(f)


class PackageTest(unittest.TestCase):
    def test_should_list_every_module_as_mpy_in_package_json(self):
        manifest = _load("package.json")
        self.assertEqual(sorted(dest for dest, src in manifest["urls"]), ["motormesh/%s.mpy" % m for m in _modules()])
        for dest, src in manifest["urls"]:
            self.assertEqual(src, "mpy/" + dest)
            self.assertTrue(os.stat(src)[6] > 0, src)
        self.assertEqual(manifest["deps"], [["ssd1306", "latest"]])

    def test_should_list_every_source_in_package_src_json(self):
        manifest = _load("package-src.json")
        self.assertEqual(sorted(src for dest, src in manifest["urls"]), ["motormesh/%s.py" % m for m in _modules()])

    def test_should_ship_mpy_files_built_from_the_current_sources(self):
        if sys.implementation.name == "micropython":
            self.skipTest("rebuilds with mpy-cross through subprocess: CPython only")
        import shutil
        import tempfile

        sys.path.insert(0, ".")
        import build_mpy

        cross = os.path.join(os.environ.get("MOTORMESH_MICROPYTHON") or "../../shared/tools/micropython", "mpy-cross")
        if not os.access(cross, os.X_OK):
            self.skipTest("no mpy-cross at %s (../shared/tools/micropython)" % cross)
        tmp = tempfile.mkdtemp()
        try:
            build_mpy.build(tmp, os.path.abspath(cross))
            built = sorted(os.listdir(os.path.join(tmp, "motormesh")))
            self.assertEqual(sorted(os.listdir("mpy/motormesh")), built)
            for f in built:
                with open(os.path.join(tmp, "motormesh", f), "rb") as a, open("mpy/motormesh/" + f, "rb") as b:
                    self.assertTrue(a.read() == b.read(), "mpy/motormesh/%s is stale: run python3 build_mpy.py" % f)
        finally:
            shutil.rmtree(tmp)

    def test_should_use_no_cpython_only_constructs(self):
        banned = ("import typing", "dataclass", "import hmac", "import secrets", '=}"', "=}'")
        for f in os.listdir("motormesh"):
            if f.endswith(".py"):
                with open("motormesh/" + f) as src:
                    text = src.read()
                for word in banned:
                    self.assertFalse(word in text, f + ": " + word)
                self.assertFalse('"""' in text, f + ": docstrings cost RAM; use # comments")
                self.assertTrue(text.startswith("# "), f + ": one # line atop each module")


if __name__ == "__main__":
    unittest.main()

# Package tests: the mip manifest lists every module, and modules stay MicroPython-clean.
import json
import os
import unittest


class PackageTest(unittest.TestCase):
    def test_should_list_every_module_in_package_json(self):
        with open("package.json") as f:
            manifest = json.load(f)
        listed = sorted(dest for dest, src in manifest["urls"])
        present = sorted("motormesh/" + f for f in os.listdir("motormesh") if f.endswith(".py"))
        self.assertEqual(listed, present)

    def test_should_use_no_cpython_only_constructs(self):
        banned = ("import typing", "dataclass", "import hmac", "import secrets", '=}"', "=}'")
        for f in os.listdir("motormesh"):
            if f.endswith(".py"):
                with open("motormesh/" + f) as src:
                    text = src.read()
                for word in banned:
                    self.assertFalse(word in text, f + ": " + word)
                self.assertFalse('"""' in text, f + ": docstrings cost RAM; use # comments")


if __name__ == "__main__":
    unittest.main()

# unix_main: runs test modules under the MicroPython unix port with our unittest shim
# (this folder is first on sys.path, so `import unittest` finds tests/mpy/unittest.py).
#
#   micropython tests/mpy/unix_main.py tests.test_wire [tests.test_node ...]   (cwd esp32-client)
import sys

sys.path.append(".")

import unittest  # noqa: E402

total = unittest.TestResult()
for name in sys.argv[1:]:
    __import__(name)
    unittest.run_module(sys.modules[name], total, "-v" in sys.argv)
print(
    "TOTALS %d %d %d %d" % (total.testsRun, total.failuresNum, total.errorsNum, total.skippedNum)
)
sys.exit(0 if total.wasSuccessful() and total.testsRun > total.skippedNum else 1)

# unittest: the part of CPython's unittest our tests use, for the MicroPython unix port
# (which ships no micropython-lib); on the path only under MicroPython (run_unix.py).
import sys


class SkipTest(Exception):
    pass


def _fmt(msg, default):
    return default if msg is None else "%s : %s" % (default, msg)


class _Raises:
    def __init__(self, case, exc):
        self.case = case
        self.exc = exc
        self.exception = None

    def __enter__(self):
        return self

    def __exit__(self, typ, value, tb):
        if typ is None:
            self.case.fail("%r not raised" % (self.exc,))
        if issubclass(typ, self.exc):
            self.exception = value
            return True
        return False


class TestCase:
    def setUp(self):
        pass

    def tearDown(self):
        pass

    def skipTest(self, reason):
        raise SkipTest(reason)

    def fail(self, msg=""):
        raise AssertionError(msg)

    def assertEqual(self, a, b, msg=None):
        if not a == b:
            self.fail(_fmt(msg, "%r != %r" % (a, b)))

    def assertNotEqual(self, a, b, msg=None):
        if a == b:
            self.fail(_fmt(msg, "%r == %r" % (a, b)))

    def assertTrue(self, x, msg=None):
        if not x:
            self.fail(_fmt(msg, "%r is not true" % (x,)))

    def assertFalse(self, x, msg=None):
        if x:
            self.fail(_fmt(msg, "%r is not false" % (x,)))

    def assertIn(self, x, c, msg=None):
        if x not in c:
            self.fail(_fmt(msg, "%r not found in %r" % (x, c)))

    def assertNotIn(self, x, c, msg=None):
        if x in c:
            self.fail(_fmt(msg, "%r unexpectedly found in %r" % (x, c)))

    def assertIs(self, a, b, msg=None):
        if a is not b:
            self.fail(_fmt(msg, "%r is not %r" % (a, b)))

    def assertIsNone(self, x, msg=None):
        if x is not None:
            self.fail(_fmt(msg, "%r is not None" % (x,)))

    def assertIsNotNone(self, x, msg=None):
        if x is None:
            self.fail(_fmt(msg, "unexpectedly None"))

    def assertIsInstance(self, x, cls, msg=None):
        if not isinstance(x, cls):
            self.fail(_fmt(msg, "%r is not an instance of %r" % (x, cls)))

    def assertLess(self, a, b, msg=None):
        if not a < b:
            self.fail(_fmt(msg, "%r not less than %r" % (a, b)))

    def assertLessEqual(self, a, b, msg=None):
        if not a <= b:
            self.fail(_fmt(msg, "%r not less than or equal to %r" % (a, b)))

    def assertGreater(self, a, b, msg=None):
        if not a > b:
            self.fail(_fmt(msg, "%r not greater than %r" % (a, b)))

    def assertGreaterEqual(self, a, b, msg=None):
        if not a >= b:
            self.fail(_fmt(msg, "%r not greater than or equal to %r" % (a, b)))

    def assertAlmostEqual(self, a, b, places=7, msg=None):
        if round(abs(a - b), places) != 0:
            self.fail(_fmt(msg, "%r != %r within %d places" % (a, b, places)))

    def assertRaises(self, exc, fn=None, *args, **kw):
        ctx = _Raises(self, exc)
        if fn is None:
            return ctx
        with ctx:
            fn(*args, **kw)


def skip(reason):
    def deco(x):
        if isinstance(x, type):
            x.__unittest_skip__ = reason
            return x

        def skipped(*a, **kw):
            raise SkipTest(reason)

        return skipped

    return deco


def skipIf(cond, reason):
    return skip(reason) if cond else (lambda x: x)


def skipUnless(cond, reason):
    return skipIf(not cond, reason)


class TestResult:
    def __init__(self):
        self.testsRun = 0
        self.failuresNum = 0
        self.errorsNum = 0
        self.skippedNum = 0

    def wasSuccessful(self):
        return self.failuresNum == 0 and self.errorsNum == 0


def _run_case(cls, name, result, verbose):
    result.testsRun += 1
    label = "%s.%s" % (cls.__name__, name)
    skip_reason = getattr(cls, "__unittest_skip__", None)
    if skip_reason:
        result.skippedNum += 1
        print("skip", label, ":", skip_reason)
        return
    case = cls()
    try:
        case.setUp()
        try:
            getattr(case, name)()
        finally:
            case.tearDown()
        if verbose:
            print("ok", label)
    except SkipTest as e:
        result.skippedNum += 1
        print("skip", label, ":", e.args[0] if e.args else "")
    except AssertionError as e:
        result.failuresNum += 1
        print("FAIL", label)
        sys.print_exception(e)
    except Exception as e:
        result.errorsNum += 1
        print("ERROR", label)
        sys.print_exception(e)


def run_module(module, result=None, verbose=False):
    # every TestCase subclass in module, its test* methods in name order
    result = result or TestResult()
    for cname in sorted(dir(module)):
        cls = getattr(module, cname)
        if isinstance(cls, type) and issubclass(cls, TestCase) and cls is not TestCase:
            for name in sorted(dir(cls)):
                if name.startswith("test") and callable(getattr(cls, name)):
                    _run_case(cls, name, result, verbose)
    return result


def main(module="__main__", verbose=False):
    if isinstance(module, str):
        __import__(module)
        module = sys.modules[module]
    result = run_module(module, None, verbose)
    print(
        "Ran %d tests: %d failures, %d errors, %d skipped"
        % (result.testsRun, result.failuresNum, result.errorsNum, result.skippedNum)
    )
    return result

# base: the TestCase every netns test derives from: skips with a clear message where the
# suite cannot run, makes a fresh network per test and always takes it down again.
import os
import unittest

from . import harness, nodes

ENABLED = os.environ.get("MOTORMESH_NETNS") == "1"
# MOTORMESH_REQUIRE_NETNS=1 (CI): when enabled, a missing prerequisite fails instead of skipping
REQUIRED = os.environ.get("MOTORMESH_REQUIRE_NETNS") == "1"


class NetnsCase(unittest.TestCase):
    needs = ()  # of "micropython", "java", "zeroconf"

    @classmethod
    def setUpClass(cls):
        if not ENABLED:
            raise unittest.SkipTest("set MOTORMESH_NETNS=1 to run the network-namespace tests (root, ip): "
                                    "python3 -m tests.netns")
        reason = harness.skip_reason()
        for need in cls.needs:
            reason = reason or {"micropython": nodes.micropython_missing, "java": nodes.jar_missing,
                                "zeroconf": nodes.zeroconf_missing}[need]()
        if reason:
            if REQUIRED:
                raise AssertionError("MOTORMESH_REQUIRE_NETNS=1 but " + reason)
            raise unittest.SkipTest(reason)
        harness.sweep_stale()

    def require(self, reason):
        # reason None: go on; else skip (fail under MOTORMESH_REQUIRE_NETNS=1)
        if reason and REQUIRED:
            self.fail("MOTORMESH_REQUIRE_NETNS=1 but " + reason)
        if reason:
            self.skipTest(reason)

    def network(self, hosts):
        net = harness.Net(self.id().rpartition(".")[2], hosts)
        self.addCleanup(net.close)
        return net

    def logs(self, *nodes_):
        return "\n" + "\n".join(n.log() for n in nodes_)

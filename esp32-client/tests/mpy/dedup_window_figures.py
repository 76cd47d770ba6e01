# The QoS 1 duplicate filter at 50 msgs/s under 20 % loss (issue 11.6): today's window of
# 512 ids against a 32-id window and against the filter as it was (the last 32 ids in a
# list). python3 tests/mpy/dedup_window_figures.py (from esp32-client, CPython).
import sys
sys.path.insert(0, ".")
from motormesh import peers
from tests.test_hostile_fields import DuplicateWindowTest
for w in (32, 512):
    peers._DEDUP_WINDOW = w
    t = DuplicateWindowTest()
    for n in (500, 2000):
        got, b = t.run_lossy(n, 20)
        print("window %d ids, %d msgs at 50/s, 20%% loss: %d duplicates delivered, %d distinct of %d" % (w, n, sum(c - 1 for c in got.values()), len(got), n))

# the filter as it was (1c6c6f9^): the last 32 ids in a list
def old_first_delivery(self, mid):
    seen = self.__dict__.setdefault("_old_seen", [])
    if mid in seen:
        return False
    seen.append(mid)
    if len(seen) > 32:
        seen.pop(0)
    return True

peers.Peer.first_delivery = old_first_delivery
t = DuplicateWindowTest()
for n in (500, 2000):
    for seed in (7,):
        got, b = t.run_lossy(n, 20)
        print("old list of 32 ids, %d msgs: %d duplicates delivered, %d distinct" % (n, sum(c - 1 for c in got.values()), len(got)))

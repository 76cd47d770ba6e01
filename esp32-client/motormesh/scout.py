# scout: when to query and beacon on the scouting group (FRAME.md Discovery): queries
# while alone (1, 2, 4, 8 s, then every 8 s), beacons every 0.5-1.5 x max(1 s, n x 100 ms),
# one aggregated answer for any number of newcomers. No sockets, time passed in.
from .compat import const, randint

MIN_BEACON_MS = const(1000)
_MAX_QUERY_GAP_MS = const(8000)
SILENT_MS = const(30000)  # no scout frame heard this long: multicast is not working here
_ANSWER_MIN_MS = const(20)
_ANSWER_SPREAD_MS = const(500)
_NEVER = const(-1)


def interval_ms(peers):
    # the mean beacon interval: the room sends about 10 beacons/s whatever its size
    return max(MIN_BEACON_MS, 100 * (peers + 1))


class Scout:
    # Not thread safe: owned by the node. poll() returns what to send now.
    def __init__(self, now, rand=randint):
        self._rand = rand
        self.next_beacon = now + MIN_BEACON_MS
        self.answer_at = _NEVER
        self.next_query = now
        self.queries = 0
        self.heard_ms = -SILENT_MS - 1
        self.forced = True

    def on_scout_hello(self, query, stranger, peers, now):
        self.heard_ms = now
        if (query or stranger) and self.answer_at == _NEVER:
            self.answer_at = now + _ANSWER_MIN_MS + self._rand(0, min(_ANSWER_SPREAD_MS, 10 * (peers + 1)))

    def query_now(self, now):
        # at start and when our address changed, even with peers known
        self.queries = 0
        self.next_query = now
        self.forced = True

    def beacon_now(self, now):
        self.answer_at = now

    def heard(self, now):
        return now - self.heard_ms < SILENT_MS

    def poll(self, peers, now):
        # -> 0 nothing, 1 a beacon, 2 a query, 3 a query also to broadcast
        if (peers == 0 or self.forced) and now >= self.next_query:
            self.forced = False
            q = self.queries
            self.next_query = now + min(_MAX_QUERY_GAP_MS, MIN_BEACON_MS << min(q, 3))
            self.queries = q + 1
            self._schedule(peers, now)
            return 3 if q else 2
        if peers:
            self.queries = 0
            self.next_query = now + MIN_BEACON_MS
        if (self.answer_at != _NEVER and now >= self.answer_at) or now >= self.next_beacon:
            self._schedule(peers, now)
            return 1
        return 0

    def due(self):
        d = self.next_beacon
        if self.answer_at != _NEVER and self.answer_at < d:
            d = self.answer_at
        return d

    def _schedule(self, peers, now):
        self.answer_at = _NEVER
        mean = interval_ms(peers)
        self.next_beacon = now + mean // 2 + self._rand(0, mean)

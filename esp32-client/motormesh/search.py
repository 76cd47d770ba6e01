# search: addresses to contact by unicast Hello{reply_requested} (FRAME.md): seeds for
# the node's life while no live peer has their address, lost partners for ten minutes,
# and gossip or mDNS addresses a few times. Bounded; past that one entry is evicted (counted).
from .compat import const

MAX_TARGETS = const(32)
_FIRST_MS = const(250)
_FAST_MS = const(1000)
_SLOW_MS = const(10000)
_FAST_PHASE_MS = const(60000)
_GIVE_UP_MS = const(600000)
_BRIEF_TRIES = const(5)
SEED = const(0)
LOST = const(1)
BRIEF = const(2)


class Search:
    # key -> [kind, addr, since, next, attempts]; not thread safe: owned by the node
    def __init__(self):
        self.targets = {}
        self.evicted = 0

    def add(self, key, kind, addr, now):
        if kind == BRIEF and key in self.targets:
            return
        self.targets.pop(key, None)
        if len(self.targets) >= MAX_TARGETS:
            for k in self.targets:
                del self.targets[k]
                break
            self.evicted += 1
        self.targets[key] = [kind, addr, now, now if kind != LOST else now + _FIRST_MS, 0]

    def found(self, key):
        self.targets.pop(key, None)

    def due(self, now, is_live, out):
        # appends the addresses due now to out; returns the next due time
        nxt = now + _SLOW_MS
        for key in list(self.targets):
            t = self.targets[key]
            kind = t[0]
            if is_live(t[1]):
                if kind != SEED:
                    del self.targets[key]
                    continue
                t[4] = 0
                t[3] = now + _FIRST_MS
            elif kind == LOST and now - t[2] > _GIVE_UP_MS or kind == BRIEF and t[4] >= _BRIEF_TRIES:
                del self.targets[key]
                continue
            elif now >= t[3]:
                out.append(t[1])
                a = t[4]
                if a < 2:
                    gap = _FIRST_MS << (a + 1)
                elif kind != LOST or now - t[2] < _FAST_PHASE_MS:
                    gap = _FAST_MS
                else:
                    gap = _SLOW_MS
                t[3] = now + gap
                t[4] = a + 1
            if t[3] < nxt:
                nxt = t[3]
        return nxt

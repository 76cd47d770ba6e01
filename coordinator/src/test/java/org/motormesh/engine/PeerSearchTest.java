package org.motormesh.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Looking again for seeds and lost partners: capped back-off, seeds forever, partners given up, bounded. */
class PeerSearchTest {
    private static final InetSocketAddress SEED = new InetSocketAddress("10.0.0.1", 47000);
    private static final InetSocketAddress LOST = new InetSocketAddress("10.0.0.2", 47000);

    @Test
    void shouldContactASeedAtOnceThenBackOffToOncePerSecond() {
        PeerSearch search = new PeerSearch();
        search.addSeed(SEED, 0);
        List<Long> times = contactTimes(search, 0, 6_000, false);
        assertEquals(0L, times.get(0));
        assertEquals(List.of(0L, 500L, 1500L, 2500L, 3500L, 4500L, 5500L), times);
    }

    @Test
    void shouldNotContactALiveSeed() {
        PeerSearch search = new PeerSearch();
        search.addSeed(SEED, 0);
        assertEquals(List.of(), contactTimes(search, 0, 5_000, true));
        assertEquals(1, search.size(), "a seed is kept for the node's life");
    }

    @Test
    void shouldLookForALostPartnerFastThenSlowlyThenGiveUp() {
        PeerSearch search = new PeerSearch();
        search.onLost("p", LOST, 0);
        List<Long> first = contactTimes(search, 0, 3_000, false);
        assertEquals(List.of(250L, 750L, 1750L, 2750L), first);
        List<Long> slow = contactTimes(search, 61_000, 100_000, false);
        assertTrue(slow.size() <= 5, "every 10 s after the first minute: " + slow);
        contactTimes(search, 100_000, PeerSearch.GIVE_UP_MS + 20_000, false);
        assertEquals(0, search.size(), "given up after ten minutes");
    }

    @Test
    void shouldStopLookingWhenFoundAndStayBounded() {
        PeerSearch search = new PeerSearch();
        search.onLost("p", LOST, 0);
        search.onFound("p");
        assertEquals(List.of(), contactTimes(search, 0, 3_000, false));
        for (int i = 0; i < PeerSearch.MAX_TARGETS + 10; i++) {
            search.onLost("n" + i, LOST, 0);
        }
        assertEquals(PeerSearch.MAX_TARGETS, search.size());
        assertEquals(10, search.evicted());
    }

    private static List<Long> contactTimes(PeerSearch search, long from, long to, boolean live) {
        List<Long> times = new ArrayList<>();
        for (long t = from; t < to; t += 10) {
            if (!search.due(t, a -> live).isEmpty()) {
                times.add(t);
            }
        }
        return times;
    }
}

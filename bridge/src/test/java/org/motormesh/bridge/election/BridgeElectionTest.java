package org.motormesh.bridge.election;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BridgeElectionTest {
    private static final String URL = "wss://h/p/api/channels/c";

    @Test
    void shouldSettleBeforeClaimingWhenAlone() {
        BridgeElection e = new BridgeElection(new Candidate("bb", 10, URL), 1000, 2000);
        assertEquals(ElectionRole.SETTLING, e.evaluate(2999, List.of()));
        assertEquals(ElectionRole.ACTIVE, e.evaluate(3000, List.of()));
    }

    @Test
    void shouldPreferPriorityThenLowerNodeId() {
        Candidate self = new Candidate("bb", 10, URL);
        BridgeElection e = new BridgeElection(self, 0, 0);
        assertEquals(ElectionRole.STANDBY, e.evaluate(0, List.of(new Candidate("cc", 11, URL))));
        assertEquals(ElectionRole.ACTIVE, e.evaluate(0, List.of(new Candidate("aa", 9, URL))));
        assertEquals(ElectionRole.STANDBY, e.evaluate(0, List.of(new Candidate("aa", 10, URL))));
        assertEquals(ElectionRole.ACTIVE, e.evaluate(0, List.of(new Candidate("cc", 10, URL))));
    }

    @Test
    void shouldIgnoreBridgesOfOtherChannels() {
        BridgeElection e = new BridgeElection(new Candidate("bb", 10, URL), 0, 0);
        assertEquals(ElectionRole.ACTIVE, e.evaluate(0, List.of(new Candidate("aa", 99, "ws://other/"))));
    }

    @Test
    void shouldAgreeOnOneLeaderFromEveryView() {
        List<Candidate> all = List.of(new Candidate("03", 5, URL), new Candidate("01", 7, URL),
                new Candidate("02", 7, URL), new Candidate("04", 1, URL));
        int active = 0;
        for (Candidate self : all) {
            List<Candidate> others = all.stream().filter(c -> c != self).toList();
            if (new BridgeElection(self, 0, 0).evaluate(0, others) == ElectionRole.ACTIVE) {
                active++;
                assertEquals("01", self.nodeId());
            }
        }
        assertEquals(1, active);
    }
}

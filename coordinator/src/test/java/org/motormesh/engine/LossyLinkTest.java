package org.motormesh.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.motormesh.mesh.Message;
import org.motormesh.mesh.Values;
import org.motormesh.proto.v1.Qos;

/** Drop, duplication and reordering injected between engines: QoS 1 exactly once, QoS 0 converges in order. */
class LossyLinkTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void shouldDeliverEveryAckedMessageExactlyOnce(long seed) {
        Sim sim = new Sim(seed);
        SimNode pub = sim.node("pub");
        SimNode s1 = sim.node("s1");
        SimNode s2 = sim.node("s2");
        s1.subscribe("/q", sim.nowUs);
        s2.subscribe("/q", sim.nowUs);
        sim.introduce(s1, pub);
        sim.introduce(s2, pub);
        sim.run(100);
        sim.net.lossy(0.2, 0.1, true);
        for (int i = 0; i < 300; i++) {
            pub.engine.publish("/q", Values.of(i), Qos.QOS_ACKED, false, sim.nowUs);
            sim.run(10);
        }
        sim.run(15_000);
        assertEquals(List.of(), pub.lost, "no peer may be lost at this loss rate");
        assertEquals(0, pub.engine.unacknowledged(), "all acked");
        for (SimNode s : List.of(s1, s2)) {
            List<Long> got = s.messages.stream().map(m -> m.value().getInteger()).sorted().toList();
            assertEquals(300, got.size(), s.name + " got each exactly once");
            for (int i = 0; i < 300; i++) {
                assertEquals(i, got.get(i));
            }
        }
        assertTrue(pub.engine.counters().retransmits.sum() > 0, "loss must have forced retransmits");
        assertTrue(s1.engine.counters().duplicates.sum() + s2.engine.counters().duplicates.sum() > 0,
                "duplication must have been suppressed");
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void shouldConvergeLatestValuesToTheLastAndNeverGoBack(long seed) {
        Sim sim = new Sim(seed);
        SimNode pub = sim.node("pub");
        SimNode sub = sim.node("sub");
        sub.subscribe("/knob", sim.nowUs);
        sim.introduce(sub, pub);
        sim.run(100);
        sim.net.lossy(0.2, 0.1, true);
        for (int i = 0; i <= 500; i++) {
            pub.engine.publish("/knob", Values.of(i), Qos.QOS_LATEST, false, sim.nowUs);
            if (i % 3 == 0) {
                sim.run(10);
            }
        }
        sim.run(2_000);
        List<Long> got = new ArrayList<>();
        for (Message m : sub.messages) {
            got.add(m.value().getInteger());
        }
        for (int i = 1; i < got.size(); i++) {
            assertTrue(got.get(i) > got.get(i - 1), "went back from " + got.get(i - 1) + " to " + got.get(i));
        }
        assertEquals(500L, got.get(got.size() - 1), "converged to the last value");
        assertTrue(got.size() < 501, "loss must have skipped some values");
    }
}

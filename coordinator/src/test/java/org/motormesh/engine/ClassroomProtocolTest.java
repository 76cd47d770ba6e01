package org.motormesh.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.motormesh.mesh.Values;
import org.motormesh.proto.v1.Qos;

/**
 * Protocol v2 in the hand-clocked simulator (proto/FRAME.md): meeting on the scouting group, aggregated answers,
 * idle cost that does not grow with the mesh, partners noticed in about a second, members in seconds, healing
 * after a cut, and current values for late joiners.
 */
class ClassroomProtocolTest {
    private final Sim sim = new Sim(3);

    @Test
    void shouldMeetOnTheScoutGroupWithoutAnyIntroduction() {
        List<SimNode> nodes = List.of(sim.node("a"), sim.node("b"), sim.node("c"));
        sim.run(1_000);
        for (SimNode node : nodes) {
            assertEquals(2, node.peerNames().size(), node.name + " knows " + node.peerNames());
        }
    }

    @Test
    void shouldAnswerManyNewcomersWithOneBeacon() {
        SimNode member = sim.node("member");
        sim.node("first");
        sim.run(3_000);
        long before = scoutSends(member);
        List<SimNode> newcomers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            newcomers.add(sim.node("new-" + i));
        }
        sim.run(600);
        assertTrue(scoutSends(member) - before <= 2, "one aggregated answer, not one per newcomer: "
                + (scoutSends(member) - before));
        for (SimNode node : newcomers) {
            assertEquals(11, node.peerNames().size(), node.name + " knows the whole mesh");
        }
    }

    @Test
    void shouldKeepIdleTrafficPerNodeFlatAsTheMeshGrows() {
        double at10 = idleDatagramsPerNodePerSecond(10);
        double at40 = idleDatagramsPerNodePerSecond(40);
        assertTrue(at10 <= 1.5, "10 nodes: " + at10 + " datagrams/s per node");
        assertTrue(at40 <= 0.6, "40 nodes: " + at40 + " datagrams/s per node");
    }

    private double idleDatagramsPerNodePerSecond(int n) {
        Sim world = new Sim(n);
        List<SimNode> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(world.node("n" + i));
        }
        world.run(8_000);
        for (SimNode node : nodes) {
            assertEquals(n - 1, node.peerNames().size(), node.name + " knows everyone");
        }
        int before = world.net.captured().size();
        world.run(30_000);
        for (SimNode node : nodes) {
            assertEquals(List.of(), node.lost, "nobody lost while idle");
        }
        return (world.net.captured().size() - before) / 30.0 / n;
    }

    @Test
    void shouldNoticeALostMemberWithinItsMemberLeaseOnly() {
        SimNode a = sim.node("a");
        SimNode b = sim.node("b");
        sim.run(2_000);
        sim.kill(b);
        sim.run(2_000);
        assertEquals(List.of("b"), a.peerNames(), "a quiet member is not a partner: no instant loss");
        sim.run(3_500);
        assertEquals(List.of(), a.peerNames(), "lost within four beacon intervals and the probes");
    }

    @Test
    void shouldLoseNobodyAtTenPercentLoss() {
        SimNode pub = sim.node("pub");
        SimNode sub = sim.node("sub");
        List<SimNode> others = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            others.add(sim.node("o" + i));
        }
        sub.subscribe("/k", sim.nowUs);
        sim.run(3_000);
        pub.engine.publish("/k", Values.of(1), Qos.QOS_LATEST, false, sim.nowUs);
        sim.net.lossy(0.1, 0, false);
        sim.run(120_000);
        for (SimNode node : sim.nodes) {
            assertEquals(List.of(), node.lost, node.name + " took a live peer for lost");
        }
    }

    @Test
    void shouldHealAPartnerLinkWithinTwoSecondsOfTheCutEnding() {
        SimNode pub = sim.node("pub");
        SimNode sub = sim.node("sub");
        sub.subscribe("/k", sim.nowUs);
        sim.run(1_500);
        pub.engine.publish("/k", Values.of(-1), Qos.QOS_LATEST, false, sim.nowUs);
        sim.run(500);
        sim.net.cut(sub.address, true);
        for (int t = 0; t < 30; t++) {
            pub.engine.publish("/k", Values.of(t), Qos.QOS_LATEST, false, sim.nowUs);
            sim.run(100);
        }
        assertEquals(List.of("pub"), sub.lost, "the partner was noticed gone");
        sim.net.cut(sub.address, false);
        int got = sub.messages.size();
        long healed = -1;
        for (int t = 0; t < 40 && healed < 0; t++) {
            pub.engine.publish("/k", Values.of(100 + t), Qos.QOS_LATEST, false, sim.nowUs);
            sim.run(50);
            if (sub.messages.size() > got) {
                healed = (t + 1) * 50L;
            }
        }
        assertTrue(healed > 0 && healed <= 2_000, "values flow again " + healed + " ms after the cut ended");
    }

    @Test
    void shouldGiveALateJoinerTheCurrentValueAtOnce() {
        SimNode controller = sim.node("controller");
        SimNode bystander = sim.node("bystander");
        sim.run(1_500);
        controller.engine.publish("/SM/controller/angle", Values.of(42), Qos.QOS_LATEST, false, sim.nowUs);
        sim.run(2_000);
        SimNode receiver = sim.node("receiver");
        receiver.subscribe("/SM/controller/", sim.nowUs);
        sim.run(60);
        assertEquals(1, receiver.messages.size(), "the receiver that booted second gets the angle at once");
        assertEquals(42, receiver.messages.get(0).value().getInteger());
        bystander.subscribe("/SM/", sim.nowUs);
        sim.run(60);
        assertEquals(1, bystander.messages.size(), "a new subscription gets the current value too");
    }

    @Test
    void shouldGiveTheCurrentValueToAPeerThatSubscribesBeforeItKnowsThePublisher() {
        SimNode controller = sim.node("controller");
        sim.run(1_500);
        controller.engine.publish("/SM/controller/angle", Values.of(7), Qos.QOS_LATEST, false, sim.nowUs);
        sim.run(1_000);
        SimNode receiver = sim.node("receiver");
        sim.run(10);
        receiver.subscribe("/SM/", sim.nowUs);
        sim.run(60);
        assertEquals(1, receiver.messages.size(), "its query went out before it subscribed; the value still came");
    }

    private long scoutSends(SimNode node) {
        return sim.net.captured().stream()
                .filter(d -> d.from().equals(node.address) && d.to().equals(SimNetwork.GROUP)).count();
    }
}

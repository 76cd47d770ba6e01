package org.motormesh.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.motormesh.mesh.MeshListener.LossCause;
import org.motormesh.mesh.Values;
import org.motormesh.proto.DropReason;
import org.motormesh.proto.FrameDecoder;
import org.motormesh.proto.FrameRejectedException;
import org.motormesh.proto.v1.Frame;
import org.motormesh.proto.v1.Qos;

/** The protocol state machine driven by hand: no sockets, no sleeps, time advanced by the test. */
class MeshEngineTest {
    private final Sim sim = new Sim(1);

    @Test
    void shouldRevealTheWholeMeshFromOneContact() {
        SimNode a = sim.node("a");
        SimNode b = sim.node("b");
        SimNode c = sim.node("c");
        sim.introduce(b, a);
        sim.introduce(c, a);
        sim.run(50);
        assertEquals(List.of("b", "c"), a.peerNames());
        assertEquals(List.of("a", "c"), b.peerNames());
        assertEquals(List.of("a", "b"), c.peerNames());
    }

    @Test
    void shouldKeepPartnersAliveByKeepAliveAndMeasureRtt() {
        SimNode a = sim.node("a");
        SimNode b = sim.node("b");
        meet(a, "/x", b);
        b.engine.publish("/x", Values.of(1), Qos.QOS_LATEST, false, sim.nowUs);
        sim.run(5_000);
        assertEquals(List.of("a"), b.peerNames());
        assertTrue(b.engine.peers().get(0).rttSamples() > 3, "one keep-alive in four asks for an echo");
        assertTrue(a.lost.isEmpty() && b.lost.isEmpty());
    }

    @Test
    void shouldLosePartnerOnlyAfterTheLease() {
        SimNode a = sim.node("a");
        SimNode b = sim.node("b");
        meet(a, "/x", b);
        b.engine.publish("/x", Values.of(1), Qos.QOS_LATEST, false, sim.nowUs);
        sim.run(100);
        sim.kill(b);
        sim.run(850);
        assertEquals(List.of("b"), a.peerNames(), "lost before the lease ran out");
        sim.run(400);
        assertEquals(List.of(), a.peerNames());
        assertEquals(List.of(LossCause.LEASE_EXPIRED), a.causes);
    }

    @Test
    void shouldRemovePeerAtOnceOnBye() {
        SimNode a = sim.node("a");
        SimNode b = sim.node("b");
        sim.introduce(a, b);
        sim.run(50);
        b.engine.sayBye(sim.nowUs);
        sim.kill(b);
        sim.net.deliver(sim.nowUs);
        assertEquals(List.of(), a.peerNames());
        assertEquals(List.of(LossCause.BYE), a.causes);
    }

    @Test
    void shouldTreatHigherEpochAsRejoinAndDropOlderEpoch() {
        SimNode a = sim.node("a");
        SimNode b = sim.node("b");
        meet(a, "/x", b);
        b.engine.publish("/x/1", Values.of(1), Qos.QOS_LATEST, false, sim.nowUs);
        sim.run(20);
        SimNetwork.Datagram oldFrame = lastPublishTo(a);
        SimNode b2 = sim.restart(b, null);
        sim.introduce(b2, a);
        sim.run(50);
        assertEquals(List.of(LossCause.RESTARTED), a.causes);
        assertEquals(List.of("b", "b"), a.joined);
        b2.engine.publish("/x/1", Values.of(2), Qos.QOS_LATEST, false, sim.nowUs);
        sim.run(20);
        assertEquals(2, a.messages.get(a.messages.size() - 1).value().getInteger(),
                "the restarted peer's first value must not be taken for a stale one");
        sim.net.inject(oldFrame.from(), oldFrame.to(), oldFrame.bytes(), sim.nowUs);
        assertEquals(1, a.engine.counters().dropped(DropReason.STALE_EPOCH));
    }

    @Test
    void shouldDropAReplayedFrame() {
        SimNode a = sim.node("a");
        SimNode b = sim.node("b");
        meet(a, "/x", b);
        b.engine.publish("/x", Values.of(7), Qos.QOS_ACKED, false, sim.nowUs);
        sim.run(20);
        SimNetwork.Datagram captured = lastPublishTo(a);
        sim.net.inject(captured.from(), captured.to(), captured.bytes(), sim.nowUs);
        assertEquals(1, a.messages.size());
        assertEquals(1, a.engine.counters().dropped(DropReason.REPLAYED));
    }

    @Test
    void shouldSendPublishesOnlyToMatchingSubscribers() {
        SimNode pub = sim.node("pub");
        SimNode yes = sim.node("yes");
        SimNode no = sim.node("no");
        yes.subscribe("/SM/", sim.nowUs);
        no.subscribe("/LEGO", sim.nowUs);
        sim.introduce(yes, pub);
        sim.introduce(no, pub);
        sim.run(50);
        int sent = pub.engine.publish("/SM/motor-1", Values.of(90), Qos.QOS_LATEST, false, sim.nowUs);
        sim.run(20);
        assertEquals(1, sent);
        assertEquals(1, yes.messages.size());
        assertEquals(0, no.messages.size());
        assertTrue(publishesTo(no).isEmpty(), "a non-subscriber must not even receive the datagram");
    }

    @Test
    void shouldRetransmitAckedPublishUntilAckedAndDeliverOnce() {
        SimNode a = sim.node("a");
        SimNode b = sim.node("b");
        meet(b, "/q", a);
        sim.net.detach(b.address);
        a.engine.publish("/q", Values.text("hello"), Qos.QOS_ACKED, false, sim.nowUs);
        sim.run(300);
        assertEquals(1, a.engine.unacknowledged());
        sim.net.attach(b.address, b.engine);
        sim.run(500);
        assertEquals(0, a.engine.unacknowledged());
        assertEquals(1, b.messages.size());
        assertTrue(a.engine.counters().retransmits.sum() >= 2);
    }

    @Test
    void shouldRepeatTheLastLatestValueAndDeliverItOnce() {
        SimNode a = sim.node("a");
        SimNode b = sim.node("b");
        meet(b, "/k", a);
        sim.net.detach(b.address);
        a.engine.publish("/k", Values.of(180), Qos.QOS_LATEST, false, sim.nowUs);
        sim.run(5);
        sim.net.attach(b.address, b.engine);
        sim.run(1_000);
        assertEquals(1, b.messages.size(), "the lost final value arrives by repetition, once");
        assertEquals(180, b.messages.get(0).value().getInteger());
    }

    @Test
    void shouldAcceptSignedMeshAndRejectUnsignedOrWronglySignedFrames() {
        SimNode a = sim.node("a", "secret");
        SimNode b = sim.node("b", "secret");
        SimNode intruder = sim.node("intruder", null);
        SimNode wrongKey = sim.node("wrong", "guess");
        a.subscribe("", sim.nowUs);
        sim.introduce(b, a);
        sim.introduce(intruder, a);
        sim.introduce(wrongKey, a);
        sim.run(100);
        assertEquals(List.of("b"), a.peerNames());
        assertTrue(a.engine.counters().dropped(DropReason.UNSIGNED) > 0);
        assertTrue(a.engine.counters().dropped(DropReason.BAD_TAG) > 0);
        b.engine.publish("/ok", Values.of(1), Qos.QOS_ACKED, false, sim.nowUs);
        sim.run(50);
        assertEquals(1, a.messages.size());
    }

    @Test
    void shouldCountGarbageWithoutDisturbingTraffic() {
        SimNode a = sim.node("a");
        SimNode b = sim.node("b");
        meet(a, "/x", b);
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 1000; i++) {
            byte[] junk = new byte[random.nextInt(1300)];
            random.nextBytes(junk);
            if (i % 2 == 0 && junk.length > 4) {
                junk[0] = 'M';
                junk[1] = 'M';
                junk[2] = 1;
                junk[3] = 0;
            }
            sim.net.inject(b.address, a.address, junk, sim.nowUs);
        }
        b.engine.publish("/x", Values.of(5), Qos.QOS_ACKED, false, sim.nowUs);
        sim.run(50);
        assertEquals(1, a.messages.size());
        assertEquals(List.of("b"), a.peerNames());
        long drops = a.engine.counters().snapshot(List.of()).droppedTotal();
        assertEquals(1000, drops);
    }

    /** {@code subscriber} subscribes to {@code prefix} and meets {@code other}. */
    private void meet(SimNode subscriber, String prefix, SimNode other) {
        subscriber.subscribe(prefix, sim.nowUs);
        sim.introduce(other, subscriber);
        sim.run(50);
    }

    private SimNetwork.Datagram lastPublishTo(SimNode target) {
        List<SimNetwork.Datagram> all = publishesTo(target);
        return all.get(all.size() - 1);
    }

    private List<SimNetwork.Datagram> publishesTo(SimNode target) {
        return sim.net.captured().stream().filter(d -> d.to().equals(target.address))
                .filter(d -> decodeOrNull(d.bytes()) != null && decodeOrNull(d.bytes()).hasPublish()).toList();
    }

    private static Frame decodeOrNull(byte[] bytes) {
        try {
            return new FrameDecoder(null).decode(bytes);
        } catch (FrameRejectedException e) {
            return null;
        }
    }
}

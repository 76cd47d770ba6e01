package org.motormesh.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.motormesh.mesh.Values;
import org.motormesh.proto.DropReason;
import org.motormesh.proto.FrameDecoder;
import org.motormesh.proto.FrameEncoder;
import org.motormesh.proto.FrameRejectedException;
import org.motormesh.proto.v1.Frame;
import org.motormesh.proto.v1.Qos;

/**
 * Issue 11.2: frames replayed by someone who captured them (the group key does not stop a replay). Frames captured on
 * their way to one node must not deliver at another, a departed peer's captured Hello and publishes must not bring it
 * back in the same epoch, and a sender that talks to thousands of addresses must not reset a live peer's window.
 */
class ReplayAcrossDestinationsTest {
    private final Sim sim = new Sim(11);

    @Test
    void shouldNotDeliverFramesCapturedOnTheirWayToAnotherNode() {
        SimNode pub = sim.node("pub");
        SimNode a = sim.node("a");
        a.subscribe("/r", sim.nowUs);
        sim.introduce(pub, a);
        sim.run(50);
        for (int i = 1; i <= 10; i++) {
            pub.engine.publish("/r", Values.of(i), Qos.QOS_ACKED, false, sim.nowUs);
            sim.run(20);
        }
        assertEquals(10, a.messages.size());
        List<SimNetwork.Datagram> toA = publishesTo(a);
        SimNode b = sim.node("b");
        b.subscribe("/r", sim.nowUs);
        sim.introduce(pub, b);
        sim.run(50);
        for (SimNetwork.Datagram captured : toA) {
            sim.net.inject(captured.from(), b.address, captured.bytes(), sim.nowUs);
        }
        System.out.printf("replay to another node: %d of %d captured frames delivered, MISDIRECTED %d%n",
                b.messages.size(), toA.size(), b.engine.counters().dropped(DropReason.MISDIRECTED));
        assertEquals(0, b.messages.size(), "a frame captured on its way to a must not deliver at b");
        assertEquals(toA.size(), b.engine.counters().dropped(DropReason.MISDIRECTED));
    }

    @Test
    void shouldNotBringBackADepartedPeerByReplayingItsHelloAndPublishes() {
        SimNode pub = sim.node("pub");
        SimNode a = sim.node("a");
        a.subscribe("/r", sim.nowUs);
        sim.introduce(pub, a);
        sim.run(50);
        for (int i = 1; i <= 53; i++) {
            pub.engine.publish("/r", Values.of(i), Qos.QOS_ACKED, false, sim.nowUs);
            sim.run(10);
        }
        assertEquals(53, a.messages.size());
        List<SimNetwork.Datagram> captured = sim.net.captured().stream().filter(d -> d.to().equals(a.address))
                .filter(d -> d.from().equals(pub.address)).toList();
        SimNetwork.Datagram hello = captured.stream().filter(d -> decode(d.bytes()).hasHello()).findFirst().get();
        pub.engine.sayBye(sim.nowUs);
        sim.kill(pub);
        sim.net.deliver(sim.nowUs);
        assertEquals(List.of(), a.peerNames());
        sim.net.inject(hello.from(), hello.to(), hello.bytes(), sim.nowUs);
        for (SimNetwork.Datagram d : captured) {
            if (decode(d.bytes()).hasPublish()) {
                sim.net.inject(d.from(), d.to(), d.bytes(), sim.nowUs);
            }
        }
        System.out.printf("replay after Bye: peer back %s, %d re-delivered, REPLAYED %d%n", a.peerNames(),
                a.messages.size() - 53, a.engine.counters().dropped(DropReason.REPLAYED));
        assertEquals(List.of(), a.peerNames(), "the departed peer must not come back in the same epoch");
        assertEquals(53, a.messages.size(), "nothing re-delivered");
        assertTrue(a.engine.counters().dropped(DropReason.REPLAYED) >= 1);
    }

    @Test
    void shouldKeepALivePeersSeriesWhileTalkingToThousandsOfAddresses() {
        SimNode pub = sim.node("pub");
        SimNode a = sim.node("a");
        a.subscribe("/r", sim.nowUs);
        sim.introduce(pub, a);
        sim.run(50);
        for (int i = 1; i <= 100; i++) {
            pub.engine.publish("/r", Values.of(i), Qos.QOS_LATEST, false, sim.nowUs);
        }
        sim.run(50);
        byte[] stranger = new FrameEncoder(null).encode(Frame.newBuilder().setSenderId("0badc0de0000")
                .setBootEpoch(1).setSeq(1).setSentTimeUs(1).setDestId(idOf(pub))
                .setHeartbeat(org.motormesh.proto.v1.Heartbeat.getDefaultInstance()).build());
        for (int batch = 0; batch < 6; batch++) {
            for (int i = 0; i < 1000; i++) {
                int n = batch * 1000 + i;
                // spoofed sources on loopback: each frame from an unknown sender makes pub say Hello there
                InetSocketAddress spoofed = new InetSocketAddress("127.1." + (n / 250) + "." + (n % 250 + 1), 9);
                pub.engine.onDatagram(spoofed, stranger, stranger.length, sim.nowUs);
            }
            sim.net.clearInFlight();
            sim.run(600);
        }
        int before = a.messages.size();
        pub.engine.publish("/r", Values.of(1000), Qos.QOS_LATEST, false, sim.nowUs);
        sim.run(20);
        System.out.printf("after 6000 destinations: live peer delivered %d of 1, REPLAYED %d, lost %s%n",
                a.messages.size() - before, a.engine.counters().dropped(DropReason.REPLAYED), a.lost);
        assertEquals(0, a.engine.counters().dropped(DropReason.REPLAYED), "no frame of the live series refused");
        assertEquals(List.of(), a.lost, "the live peer was never lost");
        assertEquals(before + 1, a.messages.size(), "the live peer's window must not be reset");
        assertEquals(1000, a.messages.get(a.messages.size() - 1).value().getInteger());
    }

    private static String idOf(SimNode node) {
        return org.motormesh.mesh.NodeIds.fromName(node.name);
    }

    private List<SimNetwork.Datagram> publishesTo(SimNode target) {
        return sim.net.captured().stream().filter(d -> d.to().equals(target.address))
                .filter(d -> decode(d.bytes()) != null && decode(d.bytes()).hasPublish()).toList();
    }

    private static Frame decode(byte[] bytes) {
        try {
            return new FrameDecoder(null).decode(bytes);
        } catch (FrameRejectedException e) {
            return null;
        }
    }
}

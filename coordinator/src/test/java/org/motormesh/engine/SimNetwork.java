package org.motormesh.engine;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A hand-driven network for engines: datagrams wait in flight until {@link #deliver} is called, and may be dropped,
 * duplicated or reordered by a seeded random source. Time is the test's.
 */
final class SimNetwork {
    /** One datagram in flight. */
    record Datagram(InetSocketAddress from, InetSocketAddress to, byte[] bytes) {
    }

    private final Map<InetSocketAddress, MeshEngine> engines = new HashMap<>();
    private final List<Datagram> inFlight = new ArrayList<>();
    private final Random random;
    private double dropRate;
    private double duplicateRate;
    private boolean reorder;
    private final List<Datagram> captured = new ArrayList<>();

    SimNetwork(long seed) {
        this.random = new Random(seed);
    }

    SimNetwork lossy(double drop, double duplicate, boolean shuffle) {
        this.dropRate = drop;
        this.duplicateRate = duplicate;
        this.reorder = shuffle;
        return this;
    }

    DatagramSink sinkFor(InetSocketAddress from) {
        return (to, bytes) -> {
            Datagram d = new Datagram(from, to, bytes.clone());
            captured.add(d);
            if (random.nextDouble() < dropRate) {
                return;
            }
            inFlight.add(d);
            if (random.nextDouble() < duplicateRate) {
                inFlight.add(d);
            }
        };
    }

    void attach(InetSocketAddress address, MeshEngine engine) {
        engines.put(address, engine);
    }

    void detach(InetSocketAddress address) {
        engines.remove(address);
    }

    /** Hands every datagram in flight (including ones sent while delivering, up to a bound) to its engine. */
    void deliver(long nowUs) {
        for (int round = 0; round < 50 && !inFlight.isEmpty(); round++) {
            List<Datagram> batch = new ArrayList<>(inFlight);
            inFlight.clear();
            if (reorder) {
                java.util.Collections.shuffle(batch, random);
            }
            for (Datagram d : batch) {
                inject(d.from(), d.to(), d.bytes(), nowUs);
            }
        }
    }

    void inject(InetSocketAddress from, InetSocketAddress to, byte[] bytes, long nowUs) {
        MeshEngine target = engines.get(to);
        if (target != null) {
            target.onDatagram(from, bytes, bytes.length, nowUs);
        }
    }

    List<Datagram> captured() {
        return captured;
    }

    void clearInFlight() {
        inFlight.clear();
    }
}

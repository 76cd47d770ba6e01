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

    /** The scouting group: a datagram sent there reaches every other engine's scout socket. */
    static final InetSocketAddress GROUP = new InetSocketAddress("224.0.0.224", 47001);
    private final Map<InetSocketAddress, MeshEngine> engines = new HashMap<>();
    private final List<Datagram> inFlight = new ArrayList<>();
    private final Random random;
    private double dropRate;
    private double duplicateRate;
    private boolean reorder;
    private final List<Datagram> captured = new ArrayList<>();
    private final java.util.Set<InetSocketAddress> cut = new java.util.HashSet<>();

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
            if (cut.contains(from) || cut.contains(to) || random.nextDouble() < dropRate) {
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

    /** Cuts (or restores) a host's link: nothing it sends or is sent gets through. */
    void cut(InetSocketAddress address, boolean down) {
        if (down) {
            cut.add(address);
        } else {
            cut.remove(address);
        }
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
        if (cut.contains(from)) {
            return;
        }
        if (GROUP.equals(to)) {
            for (Map.Entry<InetSocketAddress, MeshEngine> member : List.copyOf(engines.entrySet())) {
                if (!member.getKey().equals(from) && !cut.contains(member.getKey())) {
                    member.getValue().onScoutDatagram(from, bytes, bytes.length, nowUs);
                }
            }
            return;
        }
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

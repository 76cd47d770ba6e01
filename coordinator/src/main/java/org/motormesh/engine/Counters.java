package org.motormesh.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.motormesh.mesh.MeshStats;
import org.motormesh.mesh.PeerView;
import org.motormesh.proto.DropReason;

/** The node's counters: written by the event loop, readable from any thread. */
public final class Counters {
    final LongAdder sent = new LongAdder();
    final LongAdder sentBytes = new LongAdder();
    final LongAdder probes = new LongAdder();
    final LongAdder latestSent = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder retransmits = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder stale = new LongAdder();
    final LongAdder abandoned = new LongAdder();
    /** Bounds at work (issue 11): sequence series, departed peers' windows and unverified peers evicted. */
    final LongAdder seqEvicted = new LongAdder();
    final LongAdder departedEvicted = new LongAdder();
    final LongAdder unverifiedEvicted = new LongAdder();
    /** Sends to an unverified peer skipped because they would exceed what it sent us. */
    final LongAdder replyCapped = new LongAdder();
    /** Gossiped peer addresses refused: a host name (never looked up on the loop), or off our subnet. */
    final LongAdder nameHost = new LongAdder();
    final LongAdder offSubnet = new LongAdder();
    /** Hellos older than one already taken from the same peer (reordered between its two sockets): not applied. */
    final LongAdder staleHello = new LongAdder();
    private final AtomicLongArray dropped = new AtomicLongArray(DropReason.values().length);

    public void drop(DropReason reason) {
        dropped.incrementAndGet(reason.ordinal());
    }

    public long dropped(DropReason reason) {
        return dropped.get(reason.ordinal());
    }

    public MeshStats snapshot(List<PeerView> peers) {
        Map<String, Long> drops = new LinkedHashMap<>();
        for (DropReason reason : DropReason.values()) {
            long n = dropped.get(reason.ordinal());
            if (n > 0) {
                drops.put(reason.name(), n);
            }
        }
        return new MeshStats(sent.sum(), sentBytes.sum(), received.sum(), delivered.sum(), Map.copyOf(drops), retransmits.sum(),
                duplicates.sum(), stale.sum(), abandoned.sum(), probes.sum(), latestSent.sum(), peers, bounded());
    }

    private Map<String, Long> bounded() {
        Map<String, Long> bounded = new LinkedHashMap<>();
        put(bounded, "seq_evicted", seqEvicted);
        put(bounded, "departed_evicted", departedEvicted);
        put(bounded, "unverified_evicted", unverifiedEvicted);
        put(bounded, "reply_capped", replyCapped);
        put(bounded, "name_host", nameHost);
        put(bounded, "off_subnet", offSubnet);
        put(bounded, "stale_hello", staleHello);
        return Map.copyOf(bounded);
    }

    private static void put(Map<String, Long> map, String name, LongAdder counter) {
        long n = counter.sum();
        if (n > 0) {
            map.put(name, n);
        }
    }
}

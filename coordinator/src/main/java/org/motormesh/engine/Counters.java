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
                duplicates.sum(), stale.sum(), abandoned.sum(), probes.sum(), latestSent.sum(), peers);
    }
}

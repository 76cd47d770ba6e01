package org.motormesh.mesh;

import java.util.List;
import java.util.Map;

/**
 * Counters of one node since start, as a snapshot.
 *
 * @param dropped    inbound datagrams dropped, by reason name ({@link org.motormesh.proto.DropReason})
 * @param duplicates QoS 1 messages received again and suppressed
 * @param stale      QoS 0 values older than one already delivered
 * @param abandoned  QoS 1 sends given up because their peer was lost
 * @param probes     probes sent to peers that had gone quiet
 * @param latestSent current values sent to peers that joined late or subscribed anew
 * @param bounded    what the node's bounds refused or evicted, by name (for example {@code seq_evicted},
 *                   {@code unverified_evicted}, {@code reply_capped}, {@code name_host}, {@code off_subnet})
 */
public record MeshStats(long sent, long sentBytes, long received, long delivered, Map<String, Long> dropped, long retransmits,
                        long duplicates, long stale, long abandoned, long probes, long latestSent,
                        List<PeerView> peers, Map<String, Long> bounded) {

    public MeshStats(long sent, long sentBytes, long received, long delivered, Map<String, Long> dropped,
                     long retransmits, long duplicates, long stale, long abandoned, long probes, long latestSent,
                     List<PeerView> peers) {
        this(sent, sentBytes, received, delivered, dropped, retransmits, duplicates, stale, abandoned, probes,
                latestSent, peers, Map.of());
    }

    public long droppedTotal() {
        return dropped.values().stream().mapToLong(Long::longValue).sum();
    }
}

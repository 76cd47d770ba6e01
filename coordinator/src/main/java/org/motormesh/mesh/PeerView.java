package org.motormesh.mesh;

import java.util.List;

/**
 * An immutable snapshot of one live peer.
 *
 * @param rttMicros     smoothed round-trip time, or -1 before the first sample
 * @param rttLastMicros the latest round-trip sample, or -1
 * @param rttSamples    how many samples were taken (heartbeat echoes and acks)
 * @param dnssd         whether the peer answers DNS-SD itself (else Java nodes publish its records)
 */
public record PeerView(String nodeId, String name, String role, String address, int port, List<String> subscriptions,
                       String channel, int priority, long bootEpoch, long rttMicros, long rttLastMicros,
                       long rttSamples, boolean dnssd) {
}

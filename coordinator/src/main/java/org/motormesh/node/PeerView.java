package org.motormesh.node;

import java.util.List;

/**
 * An immutable snapshot of one live peer.
 *
 * @param rttMicros smoothed round-trip time, or -1 before the first sample
 */
public record PeerView(String nodeId, String name, String role, String address, int port, List<String> subscriptions,
                       String channel, int priority, long bootEpoch, long rttMicros) {
}

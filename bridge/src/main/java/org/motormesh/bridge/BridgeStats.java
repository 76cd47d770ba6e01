package org.motormesh.bridge;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * A snapshot of one bridge, printed as its status line.
 *
 * @param link the link state word
 * @param role the election role word
 * @param up messages sent to the channel
 * @param down messages published on the mesh from the channel
 * @param queued messages waiting in the outbox
 * @param coalesced intermediate values skipped by the per-topic rate
 * @param shadowed QoS 1 messages a standby holds for the active bridge until it says the channel took them
 * @param dropped messages or frames dropped, by reason
 */
public record BridgeStats(String link, String role, long up, long down, int queued, long coalesced, int shadowed,
        Map<String, Long> dropped) {

    /** {@code link open | role active | up 12 down 3 | queued 0 coalesced 4 shadowed 0 | dropped echo=3 malformed=1}. */
    public String statusLine() {
        String drops = dropped.isEmpty() ? "none" : dropped.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        return "link " + link + " | role " + role + " | up " + up + " down " + down + " | queued " + queued
                + " coalesced " + coalesced + " shadowed " + shadowed + " | dropped " + drops;
    }
}

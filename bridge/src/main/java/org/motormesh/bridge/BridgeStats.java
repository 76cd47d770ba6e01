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
 * @param dropped messages or frames dropped, by reason
 */
public record BridgeStats(String link, String role, long up, long down, int queued, long coalesced,
        Map<String, Long> dropped) {

    /** {@code link open | role active | up 12 down 3 | queued 0 coalesced 4 | dropped echo=3 malformed=1}. */
    public String statusLine() {
        String drops = dropped.isEmpty() ? "none" : dropped.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        return "link " + link + " | role " + role + " | up " + up + " down " + down + " | queued " + queued
                + " coalesced " + coalesced + " | dropped " + drops;
    }
}

package org.motormesh.bridge;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The application part of a bridge's status report ({@code $mesh/status/<name>}), so dashboards anywhere on the
 * mesh see its link state, election role, counters and drops by reason.
 */
public final class BridgeStatus {
    private BridgeStatus() {
    }

    /** The link state, election role and counters every uplink reports (the channel bridge and the MQTT link). */
    public static void putCounts(Map<String, Object> app, BridgeStats s) {
        app.put("link", s.link());
        app.put("role", s.role());
        app.put("up", s.up());
        app.put("down", s.down());
        app.put("queued", s.queued());
        app.put("coalesced", s.coalesced());
        app.put("shadowed", s.shadowed());
        app.put("dropped", s.dropped());
    }

    public static Map<String, Object> of(Bridge bridge, String channel) {
        BridgeStats s = bridge.stats();
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("kind", "bridge");
        app.put("channel", channel);
        putCounts(app, s);
        return app;
    }
}

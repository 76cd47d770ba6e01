package org.motormesh.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import org.motormesh.bridge.Bridge;
import org.motormesh.bridge.BridgeStats;

/** The application part of a bridge's status report: link state, election role, counters, drops by reason. */
final class BridgeStatus {
    private BridgeStatus() {
    }

    static Map<String, Object> of(Bridge bridge, String channel) {
        BridgeStats s = bridge.stats();
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("kind", "bridge");
        app.put("channel", channel);
        app.put("link", s.link());
        app.put("role", s.role());
        app.put("up", s.up());
        app.put("down", s.down());
        app.put("queued", s.queued());
        app.put("coalesced", s.coalesced());
        app.put("dropped", s.dropped());
        return app;
    }
}

package org.motormesh.mqtt;

import java.util.LinkedHashMap;
import java.util.Map;
import org.motormesh.bridge.BridgeStats;

/**
 * The application part of an MQTT link's status report ({@code $mesh/status/<name>}), so dashboards anywhere on the
 * mesh see which broker it serves, its link state, election role, counters and drops by reason.
 */
public final class MqttStatus {
    private MqttStatus() {
    }

    public static Map<String, Object> of(MqttLink link) {
        BridgeStats s = link.stats();
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("kind", "mqtt");
        app.put("broker", link.config().target());
        app.put("room", link.config().room());
        app.put("link", s.link());
        app.put("role", s.role());
        app.put("up", s.up());
        app.put("down", s.down());
        app.put("queued", s.queued());
        app.put("coalesced", s.coalesced());
        app.put("shadowed", s.shadowed());
        app.put("dropped", s.dropped());
        String problem = link.lastProblem();
        if (!problem.isEmpty()) {
            app.put("problem", problem);
        }
        return app;
    }
}

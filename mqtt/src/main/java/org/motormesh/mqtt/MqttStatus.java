package org.motormesh.mqtt;

import java.util.LinkedHashMap;
import java.util.Map;
import org.motormesh.bridge.BridgeStats;
import org.motormesh.bridge.BridgeStatus;

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
        BridgeStatus.putCounts(app, s);
        String problem = link.lastProblem();
        if (!problem.isEmpty()) {
            app.put("problem", problem);
        }
        return app;
    }
}

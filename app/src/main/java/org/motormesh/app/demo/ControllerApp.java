package org.motormesh.app.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.motormesh.mesh.Values;
import org.motormesh.proto.v1.Value;

/** The controller: publishes its knob's angle when it changes, at most 50 times a second (apps.py). */
final class ControllerApp implements MotorApp {
    /** As apps.py {@code _MIN_GAP_MS}. */
    static final long MIN_GAP_MS = 20;

    private final Knob knob;
    private int sent = -1;
    private long sentAtMs = Long.MIN_VALUE / 2;
    private long published;

    ControllerApp(Knob knob) {
        this.knob = knob;
    }

    @Override
    public String kind() {
        return "controller";
    }

    @Override
    public List<String> subscriptions() {
        return List.of();
    }

    @Override
    public Value step(long nowMs) {
        int a = knob.angle(nowMs);
        if (a == sent || nowMs - sentAtMs < MIN_GAP_MS) {
            return null;
        }
        sent = a;
        sentAtMs = nowMs;
        published++;
        return Values.of((long) a);
    }

    @Override
    public void onMessage(String topic, Value value) {
        // a controller subscribes to nothing
    }

    @Override
    public Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", kind());
        s.put("angle", Math.max(sent, 0));
        s.put("published", published);
        return s;
    }
}

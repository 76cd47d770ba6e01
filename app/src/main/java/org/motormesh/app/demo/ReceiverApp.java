package org.motormesh.app.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.motormesh.proto.v1.Value;

/** The receiver: follows one motor's angle topic and moves its servo there, clamped to 0..180 (apps.py). */
final class ReceiverApp implements MotorApp {
    private static final int START_ANGLE = 90;

    private final String follow;
    private final String topic;
    private int angle = START_ANGLE;
    private long moves;

    /** Follows the motor (or hub) called {@code follow}. */
    ReceiverApp(String follow) {
        this.follow = follow;
        this.topic = MotorApp.angleTopic(follow);
    }

    @Override
    public String kind() {
        return "receiver";
    }

    @Override
    public List<String> subscriptions() {
        return List.of(topic);
    }

    @Override
    public Value step(long nowMs) {
        return null;
    }

    @Override
    public void onMessage(String t, Value value) {
        if (!t.equals(topic)) {
            return;
        }
        switch (value.getKindCase()) {
            case INTEGER -> moveTo(value.getInteger());
            case NUMBER -> moveTo(Math.round(value.getNumber()));
            default -> {
                // apps.py moves only for numbers
            }
        }
    }

    private void moveTo(long target) {
        angle = (int) Math.max(0, Math.min(180, target));
        moves++;
    }

    int angle() {
        return angle;
    }

    @Override
    public Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("kind", kind());
        s.put("angle", angle);
        s.put("follows", follow);
        s.put("moves", moves);
        return s;
    }
}

package org.motormesh.app.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.motormesh.proto.v1.Value;

/**
 * The receiver: follows one motor's angle topic and moves its servo there, clamped to 0..180; a value on its own
 * set topic (a dashboard's slider) moves it too and holds off the followed angle for {@link #SET_HOLD_MS}
 * (apps.py).
 */
final class ReceiverApp implements MotorApp {
    /** As apps.py {@code _SET_HOLD_MS}. */
    static final long SET_HOLD_MS = 3000;
    private static final int START_ANGLE = 90;

    private final String follow;
    private final String topic;
    private final String setTopic;
    private int angle = START_ANGLE;
    private long moves;
    private long sets;
    private long nowMs;
    private long setAtMs = -SET_HOLD_MS;

    /** The motor called {@code self}, following the motor (or hub) called {@code follow}. */
    ReceiverApp(String self, String follow) {
        this.follow = follow;
        this.topic = MotorApp.angleTopic(follow);
        this.setTopic = MotorApp.setTopic(self);
    }

    @Override
    public String kind() {
        return "receiver";
    }

    @Override
    public List<String> subscriptions() {
        return List.of(topic, setTopic);
    }

    @Override
    public Value step(long nowMs) {
        this.nowMs = nowMs;
        return null;
    }

    @Override
    public void onMessage(String t, Value value) {
        if (t.equals(setTopic)) {
            if (moveTo(value)) {
                sets++;
                setAtMs = nowMs;
            }
        } else if (t.equals(topic) && nowMs - setAtMs >= SET_HOLD_MS) {
            moveTo(value);
        }
    }

    /** Moves for numbers only, as apps.py; says whether it moved. */
    private boolean moveTo(Value value) {
        long target;
        switch (value.getKindCase()) {
            case INTEGER -> target = value.getInteger();
            case NUMBER -> target = Math.round(value.getNumber());
            default -> {
                return false;
            }
        }
        angle = (int) Math.max(0, Math.min(180, target));
        moves++;
        return true;
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
        s.put("sets", sets);
        s.put("set_topic", setTopic);
        return s;
    }
}

package org.motormesh.app.demo;

import java.util.List;
import java.util.Map;
import org.motormesh.proto.v1.Value;

/**
 * What runs on a Smart Motor, as in {@code esp32-client/motormesh/apps.py}, without sockets or clock: the
 * wiring feeds it time and messages and publishes what it returns. Not thread safe: owned by the demo loop.
 */
interface MotorApp {
    /** {@code controller} or {@code receiver}. */
    String kind();

    /** Topic prefixes to subscribe to. */
    List<String> subscriptions();

    /** The value to publish on the motor's angle topic now, or null. */
    Value step(long nowMs);

    /** A delivered message. */
    void onMessage(String topic, Value value);

    /** The application part of the status report. */
    Map<String, Object> status();

    /** A Smart Motor's angle topic, as {@code angle_topic(name)} in apps.py. */
    static String angleTopic(String name) {
        return "/SM/" + name + "/angle";
    }

    /** A receiver's set topic (its servo, set directly), as {@code set_topic(name)} in apps.py. */
    static String setTopic(String name) {
        return "/SM/" + name + "/set";
    }
}

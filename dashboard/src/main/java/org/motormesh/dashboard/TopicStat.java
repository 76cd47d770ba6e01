package org.motormesh.dashboard;

import org.motormesh.mesh.Message;
import org.motormesh.mesh.Values;

/** One topic as the dashboard shows it: the last value, who sent it, when, and the rate. Owned by the loop. */
final class TopicStat {
    /** Longest value text shown; the rest is cut, the page is not a log viewer. */
    static final int MAX_VALUE_CHARS = 120;

    final String topic;
    final RateMeter rate = new RateMeter();
    String value = "";
    String senderId = "";
    String senderName = "";
    boolean fromChannel;
    long count;
    long lastMs;

    TopicStat(String topic) {
        this.topic = topic;
    }

    void onMessage(Message m, long nowMs) {
        String text = Values.display(m.value());
        value = text.length() > MAX_VALUE_CHARS ? text.substring(0, MAX_VALUE_CHARS) + "…" : text;
        senderId = m.senderId();
        senderName = m.senderName();
        fromChannel = m.fromChannel();
        count++;
        lastMs = nowMs;
        rate.record(nowMs);
    }
}

package org.motormesh.app.demo;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the LEGO hub heard on the channel, read the way the existing pages read it: the welcome names the hub,
 * a data frame's payload is JSON text parsed a second time, the hub's own echoes and anything it does not
 * understand are ignored. Not thread safe: owned by the demo loop.
 */
final class HubInbox {
    private final Map<String, Heard> heard = new TreeMap<>();
    private String clientId = "";

    private static final class Heard {
        String value = "";
        long count;
    }

    void onFrame(String text) {
        JsonObject frame = object(text);
        String type = frame == null ? null : string(frame, "type");
        if ("welcome".equals(type)) {
            clientId = String.valueOf(string(frame, "client_id"));
        } else if ("data".equals(type) && !clientId.equals(string(frame, "client_id"))) {
            JsonObject payload = object(string(frame, "payload"));
            String topic = payload == null ? null : string(payload, "topic");
            if (topic != null) {
                Heard h = heard.computeIfAbsent(topic, k -> new Heard());
                h.value = String.valueOf(payload.get("value"));
                h.count++;
            }
        }
    }

    void onDisconnected() {
        clientId = "";
    }

    /** {@code ; heard /SM/controller-1/angle = 93 (120)} for each topic heard, or empty. */
    String summary() {
        StringBuilder line = new StringBuilder();
        heard.forEach((t, h) -> line.append("; heard ").append(t).append(" = ").append(h.value).append(" (")
                .append(h.count).append(")"));
        return line.toString();
    }

    /** Count of values heard on {@code topic}. */
    long count(String topic) {
        Heard h = heard.get(topic);
        return h == null ? 0 : h.count;
    }

    private static JsonObject object(String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonElement e = JsonParser.parseString(text);
            return e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            return null;
        }
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }
}

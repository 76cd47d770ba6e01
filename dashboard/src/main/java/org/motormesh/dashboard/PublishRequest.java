package org.motormesh.dashboard;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import org.motormesh.mesh.PublishLimit;
import org.motormesh.mesh.Values;
import org.motormesh.proto.v1.Value;

/**
 * One publish asked for by the page, {@code {"topic": "/SM/motor-2/set", "value": 42}}, validated: a topic of
 * printable characters outside the mesh's own {@code $} topics, a small value (a number, true/false, or text
 * read as the {@code pub} command reads it). Every refusal says what was wrong.
 */
record PublishRequest(String topic, Value value) {
    /** Longest topic accepted, in characters. */
    static final int MAX_TOPIC_CHARS = 128;
    /** Longest value accepted, in UTF-8 bytes as typed: a setting, not a file. */
    static final int MAX_VALUE_BYTES = 256;
    /** Longest request body read. */
    static final int MAX_BODY_BYTES = 1024;

    /** Reads and validates a request body, or throws {@link IllegalArgumentException} saying why not. */
    static PublishRequest parse(String body) {
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("request is over " + MAX_BODY_BYTES + " bytes");
        }
        JsonObject o;
        try {
            JsonElement e = JsonParser.parseString(body);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException("request must be a JSON object {\"topic\": ..., \"value\": ...}");
            }
            o = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("request is not JSON: " + e.getMessage());
        }
        String topic = topic(o.get("topic"));
        Value value = value(o.get("value"));
        PublishLimit.check(topic, value);
        return new PublishRequest(topic, value);
    }

    private static String topic(JsonElement e) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("topic is missing (a text such as /SM/motor-2/set)");
        }
        String t = e.getAsString();
        if (t.isEmpty() || t.length() > MAX_TOPIC_CHARS) {
            throw new IllegalArgumentException("topic must be 1 to " + MAX_TOPIC_CHARS + " characters, was "
                    + t.length());
        }
        if (t.startsWith("$")) {
            throw new IllegalArgumentException("topics starting with $ belong to the mesh itself: " + t);
        }
        if (t.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("topic must not contain spaces or control characters");
        }
        return t;
    }

    private static Value value(JsonElement e) {
        if (e == null || !e.isJsonPrimitive()) {
            throw new IllegalArgumentException("value is missing (a number, true/false or a text)");
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        String text = p.getAsString();
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("value must be at most " + MAX_VALUE_BYTES + " bytes");
        }
        if (p.isBoolean()) {
            return Values.of(p.getAsBoolean());
        }
        if (p.isNumber()) {
            double d = p.getAsDouble();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("value must be a finite number, was " + text);
            }
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Values.of((long) d) : Values.of(d);
        }
        Value v = Values.parse(text);
        if (v.getKindCase() == Value.KindCase.NUMBER && !Double.isFinite(v.getNumber())) {
            throw new IllegalArgumentException("value must be a finite number, was " + text);
        }
        if (v.getKindCase() == Value.KindCase.JSON) {
            try {
                JsonParser.parseString(v.getJson());
            } catch (JsonParseException bad) {
                throw new IllegalArgumentException("value looks like JSON but is not: " + bad.getMessage());
            }
        }
        return v;
    }
}

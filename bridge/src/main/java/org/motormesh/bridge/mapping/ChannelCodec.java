package org.motormesh.bridge.mapping;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import org.motormesh.proto.v1.Value;

/**
 * Reads and writes the channel's text frames (see channel-protocol.md): welcome, data (wrapped, with the
 * sender's JSON as a string) and the bare {@code {"topic","value"}} form. Hostile input becomes a
 * {@link ChannelFrame} of kind DROPPED with a reason, never an exception. Thread safe (immutable).
 */
public final class ChannelCodec {
    /** Default cap on one frame's text; the mesh carries far less, so anything bigger is hostile. */
    public static final int DEFAULT_MAX_CHARS = 64 * 1024;

    private final int maxChars;
    private final ValueMapper values;

    /** A codec refusing frames longer than {@code maxChars} or nested deeper than {@code maxDepth}. */
    public ChannelCodec(int maxChars, int maxDepth) {
        if (maxChars < 16) {
            throw new IllegalArgumentException("maxChars must be >= 16, was " + maxChars);
        }
        this.maxChars = maxChars;
        this.values = new ValueMapper(maxDepth);
    }

    /** A codec with the default caps. */
    public ChannelCodec() {
        this(DEFAULT_MAX_CHARS, ValueMapper.DEFAULT_MAX_DEPTH);
    }

    /** The value mapper this codec uses. */
    public ValueMapper values() {
        return values;
    }

    /** Decodes one text frame from either side of the channel. */
    public ChannelFrame decode(String text) {
        if (text.length() > maxChars) {
            return ChannelFrame.dropped(ChannelDrop.TOO_LARGE);
        }
        JsonElement root = values.parse(text);
        if (root == null) {
            return ChannelFrame.dropped(ChannelDrop.MALFORMED);
        }
        if (!root.isJsonObject()) {
            return ChannelFrame.dropped(ChannelDrop.NOT_OBJECT);
        }
        JsonObject frame = root.getAsJsonObject();
        String type = string(frame, "type");
        if (type == null) {
            return message(frame, "", text);
        }
        switch (type) {
            case "welcome":
                return ChannelFrame.welcome(orEmpty(string(frame, "client_id")));
            case "data":
                return data(frame, orEmpty(string(frame, "client_id")), true);
            default:
                return ChannelFrame.dropped(ChannelDrop.UNKNOWN_TYPE);
        }
    }

    /**
     * A data frame's payload. A client that sent the wrapped form, relayed by a server that wraps again, arrives
     * as a data frame inside a data frame: one such nested level is unwrapped ({@code mayUnwrap}), no more.
     */
    private ChannelFrame data(JsonObject frame, String clientId, boolean mayUnwrap) {
        JsonElement payload = frame.get("payload");
        JsonObject inner;
        String text;
        if (payload != null && payload.isJsonObject()) {
            inner = payload.getAsJsonObject();
            text = payload.toString();
        } else {
            text = string(frame, "payload");
            JsonElement parsed = text == null ? null : values.parse(text);
            if (parsed == null || !parsed.isJsonObject()) {
                return ChannelFrame.dropped(ChannelDrop.BAD_PAYLOAD);
            }
            inner = parsed.getAsJsonObject();
        }
        if (mayUnwrap && !inner.has("topic") && "data".equals(string(inner, "type"))) {
            return data(inner, clientId, false);
        }
        return message(inner, clientId, text);
    }

    private ChannelFrame message(JsonObject message, String clientId, String payload) {
        String topic = string(message, "topic");
        if (topic == null) {
            return ChannelFrame.dropped(ChannelDrop.NO_TOPIC);
        }
        return ChannelFrame.message(clientId, topic, values.toValue(message.get("value")), payload);
    }

    /** The client-to-server frame {@code {"topic":..,"value":..}}; null when the value has no valid JSON form. */
    public String encodeMessage(String topic, Value value) {
        JsonElement json = values.toJson(value);
        if (json == null) {
            return null;
        }
        JsonObject message = new JsonObject();
        message.addProperty("topic", topic);
        message.add("value", json);
        return message.toString();
    }

    /** The server's greeting {@code {"type":"welcome","client_id":..}}. */
    public String encodeWelcome(String clientId) {
        JsonObject frame = new JsonObject();
        frame.addProperty("type", "welcome");
        frame.addProperty("client_id", clientId);
        return frame.toString();
    }

    /** The server's relay frame: the sender's JSON text carried as a string in {@code payload}. */
    public String encodeData(String clientId, String payload) {
        JsonObject frame = new JsonObject();
        frame.addProperty("type", "data");
        frame.addProperty("client_id", clientId);
        frame.addProperty("payload", payload);
        return frame.toString();
    }

    private static String string(JsonObject object, String name) {
        JsonElement e = object.get(name);
        if (e == null || !e.isJsonPrimitive()) {
            return null;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isString() ? p.getAsString() : null;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}

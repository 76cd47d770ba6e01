package org.motormesh.bridge.mapping;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.StringReader;
import java.util.Base64;
import org.motormesh.proto.v1.Value;

/**
 * The one place where channel JSON becomes a mesh {@link Value} and back, without loss: integers stay
 * integers, other numbers become doubles, objects, arrays and null travel as compact JSON text.
 * Integers beyond 64 bits and numbers beyond double range also travel as JSON text, so their digits survive.
 * Mesh bytes have no JSON form; they reach the channel as a base64 string. Thread safe (immutable).
 */
public final class ValueMapper {
    /** Default cap on JSON nesting depth; deeper input is malformed. */
    public static final int DEFAULT_MAX_DEPTH = 64;

    private final int maxDepth;

    /** A mapper that refuses JSON nested deeper than {@code maxDepth}. */
    public ValueMapper(int maxDepth) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be >= 1, was " + maxDepth);
        }
        this.maxDepth = maxDepth;
    }

    /** Parses one strict JSON document with the depth cap; null when it is not exactly one valid value. */
    public JsonElement parse(String text) {
        JsonReader reader = new JsonReader(new StringReader(text));
        reader.setStrictness(Strictness.STRICT);
        reader.setNestingLimit(maxDepth);
        try {
            JsonElement element = JsonParser.parseReader(reader);
            return reader.peek() == JsonToken.END_DOCUMENT ? element : null;
        } catch (JsonParseException | IOException | IllegalStateException e) {
            return null;
        }
    }

    /** The mesh value for a channel JSON value (absent counts as JSON null). */
    public Value toValue(JsonElement json) {
        if (json == null || json.isJsonNull()) {
            return Value.newBuilder().setJson("null").build();
        }
        if (!json.isJsonPrimitive()) {
            return Value.newBuilder().setJson(json.toString()).build();
        }
        JsonPrimitive p = json.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return Value.newBuilder().setBoolean(p.getAsBoolean()).build();
        }
        if (p.isString()) {
            return Value.newBuilder().setText(p.getAsString()).build();
        }
        return numberValue(p.getAsString());
    }

    private static Value numberValue(String digits) {
        boolean integral = digits.indexOf('.') < 0 && digits.indexOf('e') < 0 && digits.indexOf('E') < 0;
        try {
            if (integral) {
                return Value.newBuilder().setInteger(Long.parseLong(digits)).build();
            }
            double d = Double.parseDouble(digits);
            if (Double.isFinite(d)) {
                return Value.newBuilder().setNumber(d).build();
            }
        } catch (NumberFormatException tooBig) {
            // falls through: keep the exact digits as JSON text
        }
        return Value.newBuilder().setJson(digits).build();
    }

    /** The channel JSON for a mesh value; null when the value's JSON text is not valid JSON. */
    public JsonElement toJson(Value value) {
        switch (value.getKindCase()) {
            case INTEGER:
                return new JsonPrimitive(value.getInteger());
            case NUMBER:
                double d = value.getNumber();
                return Double.isFinite(d) ? new JsonPrimitive(d) : JsonNull.INSTANCE;
            case TEXT:
                return new JsonPrimitive(value.getText());
            case BOOLEAN:
                return new JsonPrimitive(value.getBoolean());
            case DATA:
                return new JsonPrimitive(base64(value.getData()));
            case JSON:
                return parse(value.getJson());
            default:
                return JsonNull.INSTANCE;
        }
    }

    private static String base64(ByteString data) {
        return Base64.getEncoder().encodeToString(data.toByteArray());
    }
}

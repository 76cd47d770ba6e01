package org.motormesh.mesh;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.motormesh.proto.v1.Value;

/**
 * The one JSON writer of the mesh library: values for people and scripts ({@code sub --json}), status reports
 * (null, text, numbers, booleans, maps and lists), and the string literals of the command line's JSON lines.
 * The bridge's channel mapping builds Gson trees instead (bridge/mapping/ValueMapper), since the channel's
 * contract differs: there bytes travel as a base64 string.
 */
public final class Json {
    private Json() {
    }

    /** JSON rendering of a mesh value: text quoted, bytes as {"base64": "..."}, JSON text as is. */
    public static String of(Value v) {
        return switch (v.getKindCase()) {
            case INTEGER -> Long.toString(v.getInteger());
            case NUMBER -> number(v.getNumber());
            case TEXT -> quote(v.getText());
            case BOOLEAN -> Boolean.toString(v.getBoolean());
            case DATA -> "{\"base64\":\"" + Base64.getEncoder().encodeToString(v.getData().toByteArray()) + "\"}";
            case JSON -> v.getJson();
            case KIND_NOT_SET -> "null";
        };
    }

    /** JSON for a tree of maps, lists, text, numbers, booleans and nulls (anything else as its string). */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value);
        return out.toString();
    }

    static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence s) {
            out.append(quote(s.toString()));
        } else if (value instanceof Double || value instanceof Float) {
            out.append(number(((Number) value).doubleValue()));
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            String comma = "";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(comma).append(quote(String.valueOf(e.getKey()))).append(':');
                write(out, e.getValue());
                comma = ",";
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(out, list.get(i));
            }
            out.append(']');
        } else {
            out.append(quote(value.toString()));
        }
    }

    /** A finite double as Java prints it; NaN and infinities as null (JSON has no such numbers). */
    private static String number(double d) {
        return Double.isFinite(d) ? Double.toString(d) : "null";
    }

    /** A JSON string literal. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

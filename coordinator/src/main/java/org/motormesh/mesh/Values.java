package org.motormesh.mesh;

import com.google.protobuf.ByteString;
import org.motormesh.proto.v1.Value;

/** Builds and renders {@link Value}s for people and command lines (JSON text comes from {@link Json}). */
public final class Values {
    private Values() {
    }

    public static Value of(long integer) {
        return Value.newBuilder().setInteger(integer).build();
    }

    public static Value of(double number) {
        return Value.newBuilder().setNumber(number).build();
    }

    public static Value of(boolean bool) {
        return Value.newBuilder().setBoolean(bool).build();
    }

    public static Value text(String text) {
        return Value.newBuilder().setText(text).build();
    }

    public static Value json(String json) {
        return Value.newBuilder().setJson(json).build();
    }

    public static Value bytes(byte[] data) {
        return Value.newBuilder().setData(ByteString.copyFrom(data)).build();
    }

    /** Reads a value typed on a command line: integers, decimals, true/false, JSON objects/arrays/null, else text. */
    public static Value parse(String text) {
        String t = text.trim();
        if (t.matches("-?\\d{1,18}")) {
            return of(Long.parseLong(t));
        }
        if (t.matches("-?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?")) {
            return of(Double.parseDouble(t));
        }
        if (t.equals("true") || t.equals("false")) {
            return of(Boolean.parseBoolean(t));
        }
        if (t.equals("null") || (t.startsWith("{") && t.endsWith("}")) || (t.startsWith("[") && t.endsWith("]"))) {
            return json(t);
        }
        return text(text);
    }

    /** Plain rendering for people: text as is, numbers and JSON as written. */
    public static String display(Value v) {
        return switch (v.getKindCase()) {
            case TEXT -> v.getText();
            default -> toJson(v);
        };
    }

    /** JSON rendering: text quoted, bytes as {"base64": "..."}, JSON text as is (see {@link Json}). */
    public static String toJson(Value v) {
        return Json.of(v);
    }
}

package org.motormesh.status;

import java.util.List;
import java.util.Map;
import org.motormesh.node.Values;

/** Writes the few JSON shapes a status report holds: null, text, numbers, booleans, maps and lists. */
final class StatusJson {
    private StatusJson() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value);
        return out.toString();
    }

    static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence s) {
            out.append(Values.quote(s.toString()));
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            out.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            String comma = "";
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(comma).append(Values.quote(String.valueOf(e.getKey()))).append(':');
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
            out.append(Values.quote(value.toString()));
        }
    }
}

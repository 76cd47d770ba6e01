package org.motormesh.app.bench;

import java.util.Map;
import org.motormesh.mesh.Json;

/** How every benchmark writes its figures: one flat JSON object, keys in the order they were measured. */
final class Figures {
    private Figures() {
    }

    /** {@code {"key":value,...}}; values are numbers, booleans or already-quoted JSON text. */
    static String json(Map<String, Object> figures) {
        StringBuilder s = new StringBuilder("{");
        figures.forEach((k, v) -> s.append(s.length() > 1 ? "," : "").append(Json.quote(k)).append(':').append(v));
        return s.append('}').toString();
    }

    /** Two decimals, for rates and ratios. */
    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}

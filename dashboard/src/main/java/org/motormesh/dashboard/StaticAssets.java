package org.motormesh.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/** The page's files, read once from the classpath ({@code /dashboard/}), so nothing is fetched from elsewhere. */
final class StaticAssets {
    /** One file: its bytes and content type. */
    record Asset(byte[] bytes, String contentType) {
    }

    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "graph.js", "text/javascript; charset=utf-8",
            "controls.js", "text/javascript; charset=utf-8");

    private final Map<String, Asset> byPath = new HashMap<>();

    StaticAssets() {
        FILES.forEach((name, type) -> byPath.put("/" + name, new Asset(read(name), type)));
        byPath.put("/", byPath.get("/index.html"));
    }

    /** The asset served at {@code path}, or null. */
    Asset get(String path) {
        return byPath.get(path);
    }

    private static byte[] read(String name) {
        try (InputStream in = StaticAssets.class.getResourceAsStream("/dashboard/" + name)) {
            if (in == null) {
                throw new IllegalStateException("dashboard asset missing from the jar: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

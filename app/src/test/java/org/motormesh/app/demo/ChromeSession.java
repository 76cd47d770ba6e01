package org.motormesh.app.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Headless Debian Chromium driven through chromedriver's W3C WebDriver HTTP API with the JDK's HttpClient: no
 * Selenium, no browser download. Closing quits the browser, stops chromedriver and deletes the profile.
 */
final class ChromeSession implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--disable-breakpad", "--disable-crash-reporter", "--window-size=1600,900");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Process driver;
    private final Path profile;
    private final URI base;
    private String session;

    private ChromeSession(Process driver, Path profile, URI base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    static boolean available() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Starts chromedriver on a free loopback port and opens a browser session. */
    static ChromeSession start(Path log) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        // one scratch tree for the profile and for Chromium's own temporary files (TMPDIR), deleted on close
        Path profile = Files.createTempDirectory("motormesh-chromium-");
        Path tmp = Files.createDirectory(profile.resolve("tmp"));
        Path userData = Files.createDirectory(profile.resolve("profile"));
        ProcessBuilder builder = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port,
                "--allowed-ips=127.0.0.1").redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("TMPDIR", tmp.toString());
        // Chromium's crash handler daemonizes and writes under the config home: keep both inside the scratch tree
        builder.environment().put("XDG_CONFIG_HOME", tmp.toString());
        builder.environment().put("XDG_CACHE_HOME", tmp.toString());
        Process driver = builder.start();
        ChromeSession chrome = new ChromeSession(driver, profile, URI.create("http://127.0.0.1:" + port));
        try {
            chrome.awaitReady();
            chrome.open(userData);
            return chrome;
        } catch (InterruptedException | RuntimeException e) {
            chrome.close();
            throw e;
        }
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                JsonObject status = call("GET", "/status", null).getAsJsonObject();
                if (status.getAsJsonObject("value").get("ready").getAsBoolean()) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("chromedriver did not get ready within 15 s");
    }

    private void open(Path userData) {
        JsonArray args = new JsonArray();
        FLAGS.forEach(args::add);
        args.add("--user-data-dir=" + userData);
        JsonObject options = new JsonObject();
        options.addProperty("binary", CHROMIUM.toString());
        options.add("args", args);
        JsonObject always = new JsonObject();
        always.addProperty("browserName", "chrome");
        always.add("goog:chromeOptions", options);
        JsonObject caps = new JsonObject();
        caps.add("alwaysMatch", always);
        JsonObject body = new JsonObject();
        body.add("capabilities", caps);
        session = call("POST", "/session", body).getAsJsonObject().getAsJsonObject("value").get("sessionId").getAsString();
    }

    void navigate(URI url) {
        JsonObject body = new JsonObject();
        body.addProperty("url", url.toString());
        call("POST", "/session/" + session + "/url", body);
    }

    /** Runs {@code script} in the page (a function body that returns a value) and gives its result. */
    JsonElement execute(String script) {
        JsonObject body = new JsonObject();
        body.addProperty("script", script);
        body.add("args", new JsonArray());
        return call("POST", "/session/" + session + "/execute/sync", body).getAsJsonObject().get("value");
    }

    /** Sizes the window so that the page's viewport is {@code width x height} CSS pixels. */
    void viewport(int width, int height) {
        JsonObject outer = call("GET", "/session/" + session + "/window/rect", null).getAsJsonObject()
                .getAsJsonObject("value");
        JsonArray inner = execute("return [window.innerWidth, window.innerHeight];").getAsJsonArray();
        JsonObject rect = new JsonObject();
        rect.addProperty("width", width + outer.get("width").getAsInt() - inner.get(0).getAsInt());
        rect.addProperty("height", height + outer.get("height").getAsInt() - inner.get(1).getAsInt());
        call("POST", "/session/" + session + "/window/rect", rect);
    }

    /** The WebDriver id of the first element matching {@code css}. */
    String find(String css) {
        JsonObject body = new JsonObject();
        body.addProperty("using", "css selector");
        body.addProperty("value", css);
        JsonObject v = call("POST", "/session/" + session + "/element", body).getAsJsonObject().getAsJsonObject("value");
        return v.entrySet().iterator().next().getValue().getAsString();
    }

    /** Types {@code keys} into an element as a person would (WebDriver key codes such as {@code \uE011} Home). */
    void sendKeys(String element, String keys) {
        JsonObject body = new JsonObject();
        body.addProperty("text", keys);
        call("POST", "/session/" + session + "/element/" + element + "/value", body);
    }

    /** Moves the mouse to {@code (x, y)} of the viewport and, if asked, clicks there. */
    void pointer(int x, int y, boolean click) {
        JsonArray steps = new JsonArray();
        JsonObject move = new JsonObject();
        move.addProperty("type", "pointerMove");
        move.addProperty("duration", 0);
        move.addProperty("origin", "viewport");
        move.addProperty("x", x);
        move.addProperty("y", y);
        steps.add(move);
        if (click) {
            for (String type : new String[] {"pointerDown", "pointerUp"}) {
                JsonObject b = new JsonObject();
                b.addProperty("type", type);
                b.addProperty("button", 0);
                steps.add(b);
            }
        }
        JsonObject mouse = new JsonObject();
        mouse.addProperty("type", "pointer");
        mouse.addProperty("id", "mouse");
        JsonObject params = new JsonObject();
        params.addProperty("pointerType", "mouse");
        mouse.add("parameters", params);
        mouse.add("actions", steps);
        JsonArray actions = new JsonArray();
        actions.add(mouse);
        JsonObject body = new JsonObject();
        body.add("actions", actions);
        call("POST", "/session/" + session + "/actions", body);
    }

    byte[] screenshot() {
        String png = call("GET", "/session/" + session + "/screenshot", null).getAsJsonObject().get("value").getAsString();
        return Base64.getDecoder().decode(png);
    }

    private JsonElement call(String method, String path, JsonObject body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(90))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("webdriver " + method + " " + path + ": " + r.statusCode() + " " + r.body());
            }
            return JsonParser.parseString(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Quits the browser, stops chromedriver and everything it started, deletes the profile. */
    @Override
    public void close() {
        if (session != null) {
            try {
                call("DELETE", "/session/" + session, null);
            } catch (RuntimeException e) {
                // the processes are stopped below anyway
            }
        }
        List<ProcessHandle> children = driver.descendants().toList();
        driver.destroy();
        children.forEach(ProcessHandle::destroy);
        try {
            driver.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        driver.destroyForcibly();
        List<ProcessHandle> detached = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains(profile.toString())).orElse(false)).toList();
        detached.forEach(ProcessHandle::destroy);
        children = new java.util.ArrayList<>(children);
        children.addAll(detached);
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // reported by the test's leftover check
            }
        }
        deleteTree(profile);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover profile in /tmp is reported by the test's check below
        }
    }
}

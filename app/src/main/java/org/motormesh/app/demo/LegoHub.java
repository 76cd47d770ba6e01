package org.motormesh.app.demo;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.motormesh.mesh.Loops;

/**
 * A simulated LEGO hub on the classroom channel, speaking the channel JSON as the existing pages do: it posts
 * its sensor (a turning motor's position) as {@code {"topic":"/SM/<name>/angle","value":N}}, so a Smart Motor
 * following {@code <name>} moves with it, and it prints a summary of what it hears. Reconnects like the pages
 * (a couple of seconds apart). The demo loop owns its state; WebSocket callbacks hand frames to that loop.
 */
final class LegoHub implements AutoCloseable, WebSocket.Listener {
    private static final long TICK_MS = 100;
    private static final long RETRY_MS = 2000;
    private static final int MAX_TEXT_CHARS = 64 * 1024;

    private final URI channel;
    private final String name;
    private final Knob sensor;
    private final PrintStream out;
    private final long printEveryMs;
    private final ScheduledExecutorService loop;
    private final ExecutorService io = Loops.start("lego-hub-io");
    private final HttpClient http = HttpClient.newBuilder().executor(io).connectTimeout(Duration.ofSeconds(2)).build();
    private final StringBuilder partial = new StringBuilder();
    private final HubInbox inbox = new HubInbox();
    private volatile boolean closed;
    private volatile WebSocket socket;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
    private int lastSent = -1;
    private long posted;
    private long nextConnectMs;
    private long nextPrintMs;
    private ScheduledFuture<?> ticker;

    LegoHub(URI channel, String name, Knob sensor, PrintStream out, long printEveryMs, ScheduledExecutorService loop) {
        this.channel = channel;
        this.name = name;
        this.sensor = sensor;
        this.out = out;
        this.printEveryMs = printEveryMs;
        this.loop = loop;
    }

    String topic() {
        return MotorApp.angleTopic(name);
    }

    LegoHub start() {
        long now = nowMs();
        nextPrintMs = now + printEveryMs;
        ticker = loop.scheduleAtFixedRate(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    private static long nowMs() {
        return System.nanoTime() / 1_000_000;
    }

    /** On the demo loop: connect when due, post the sensor when it changed, print now and then. */
    private void tick() {
        long now = nowMs();
        if (socket == null && now >= nextConnectMs && !closed) {
            nextConnectMs = Long.MAX_VALUE;
            http.newWebSocketBuilder().buildAsync(channel, this).whenComplete((ws, error) -> onLoop(() -> {
                if (error != null) {
                    nextConnectMs = nowMs() + RETRY_MS;
                }
            }));
        }
        int a = sensor.angle(now);
        if (socket != null && a != lastSent && sending.isDone()) {
            lastSent = a;
            posted++;
            sending = socket.sendText("{\"topic\":\"" + topic() + "\",\"value\":" + a + "}", true);
        }
        if (now >= nextPrintMs) {
            nextPrintMs = now + printEveryMs;
            print();
        }
    }

    private void print() {
        StringBuilder line = new StringBuilder("[lego hub] ").append(socket == null ? "offline" : "on the channel")
                .append(", posted ").append(posted).append(" on ").append(topic());
        line.append(inbox.summary());
        out.println(line);
        out.flush();
    }

    private void onLoop(Runnable work) {
        try {
            loop.execute(work);
        } catch (RejectedExecutionException stopping) {
            // the demo is stopping
        }
    }

    @Override
    public void onOpen(WebSocket ws) {
        onLoop(() -> socket = ws);
        ws.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        if (partial.length() + data.length() <= MAX_TEXT_CHARS) {
            partial.append(data);
        }
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            onLoop(() -> inbox.onFrame(text));
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        onLoop(this::onDisconnected);
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        onLoop(this::onDisconnected);
    }

    private void onDisconnected() {
        socket = null;
        inbox.onDisconnected();
        nextConnectMs = nowMs() + RETRY_MS;
    }

    /** Says goodbye to the channel (briefly, then aborts) and stops its threads. */
    @Override
    public void close() {
        closed = true;
        if (ticker != null) {
            ticker.cancel(false);
        }
        WebSocket ws = socket;
        if (ws != null) {
            try {
                ws.sendClose(WebSocket.NORMAL_CLOSURE, "demo stopping").get(300, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // best effort: abort below closes the socket either way
            }
            ws.abort();
        }
        io.shutdownNow();
    }
}

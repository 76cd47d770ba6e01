package org.motormesh.bridge.link;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.exceptions.InvalidFrameException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.protocols.Protocol;
import org.motormesh.bridge.stats.Tally;
import org.motormesh.mesh.Loops;

/**
 * The WebSocket client to the channel, and the only client class that touches Java-WebSocket. TLS
 * certificates and host names are verified; frames over the cap close with 1009, masked server frames with
 * 1002; a link without pong is closed. One reconnect path: every failure ends in the socket's close, and
 * only that close schedules the next attempt, after a jittered back-off, on the link's own thread.
 * State is owned by that thread; {@link #send} may be called from any thread.
 */
public final class ChannelLink implements AutoCloseable {
    private static final long HANDSHAKE_TIMEOUT_MS = 10_000;
    private final LinkConfig config;
    private final LinkListener listener;
    private volatile String lastRefusal = "";
    private final SSLContext tls;
    private final ScheduledExecutorService loop;
    private final Tally closes = new Tally();
    private volatile LinkState state = LinkState.STOPPED;
    private volatile Client current;
    private ScheduledFuture<?> retry;
    private int attempt;

    /** A stopped link; {@code tls} is used for {@code wss://} URLs. */
    public ChannelLink(LinkConfig config, SSLContext tls, LinkListener listener) {
        this.config = config;
        this.listener = listener;
        this.tls = tls;
        this.loop = Loops.start("channel-link");
    }

    /** Starts connecting (idempotent). */
    public void start() {
        loop.execute(() -> {
            if (state == LinkState.STOPPED) {
                attempt = 0;
                connect();
            }
        });
    }

    /** Closes the connection and schedules nothing more (idempotent). */
    public void stop() {
        loop.execute(this::onStop);
    }

    /**
     * Sends one text frame; false when not open or when the socket already holds too much unsent: more than
     * {@code maxUnsent} frames given to it since its buffer was last empty (the library's public
     * {@code hasBufferedData}, not its internal queue). Called from one thread (the bridge loop).
     */
    public boolean send(String text) {
        Client c = current;
        if (state != LinkState.OPEN || c == null || !c.isOpen()) {
            return false;
        }
        if (!c.hasBufferedData()) {
            c.unsentSinceDrained = 0;
        } else if (c.unsentSinceDrained >= config.maxUnsent()) {
            return false;
        }
        try {
            c.send(text);
            c.unsentSinceDrained++;
            return true;
        } catch (RuntimeException notOpen) {
            return false;
        }
    }

    /**
     * True when every frame given to {@link #send} on the current connection has left the library for the socket
     * (its public {@code hasBufferedData} is false): what the bridge counts as delivered. Bridge loop only.
     */
    public boolean flushed() {
        Client c = current;
        return state == LinkState.OPEN && c != null && c.isOpen() && !c.hasBufferedData();
    }

    /** Where the link is. */
    public LinkState state() {
        return state;
    }

    /** Why the latest refused attempt failed, in words ("" before any). */
    public String lastRefusal() {
        return lastRefusal;
    }

    /** Closes counted by reason ({@code refused}, {@code lost}, {@code too_big}, {@code protocol}, ...). */
    public Map<String, Long> closes() {
        return closes.snapshot();
    }

    private void connect() {
        Client c = new Client();
        c.setConnectionLostTimeout(config.pingSeconds());
        c.setTcpNoDelay(true);
        if (config.secure()) {
            c.setSocketFactory(tls.getSocketFactory());
        }
        current = c;
        state = LinkState.CONNECTING;
        c.connect();
        loop.schedule(() -> giveUpConnecting(c), HANDSHAKE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /** A server that accepts TCP but never finishes TLS or the upgrade: close, so the one path retries. */
    private void giveUpConnecting(Client c) {
        if (c == current && state == LinkState.CONNECTING) {
            c.closeConnection(CloseFrame.NEVER_CONNECTED, "no handshake within " + HANDSHAKE_TIMEOUT_MS + " ms");
        }
    }

    private void onOpened(Client c) {
        if (c == current && state == LinkState.CONNECTING) {
            state = LinkState.OPEN;
            attempt = 0;
            listener.onLinkUp();
        }
    }

    private void onClosed(Client c, int code, String reason) {
        closes.add(CloseReason.word(code));
        if (c != current || state == LinkState.STOPPED) {
            return;
        }
        String why = c.refusal;
        if (state == LinkState.CONNECTING && why != null) {
            lastRefusal = why;
            listener.onLinkRefused(why);
        }
        boolean wasOpen = state == LinkState.OPEN;
        state = LinkState.WAITING;
        current = null;
        long delay = config.backoff().delayMs(attempt++, ThreadLocalRandom.current().nextDouble());
        retry = loop.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        if (wasOpen) {
            listener.onLinkDown(CloseReason.word(code) + " (" + code + (reason == null ? "" : " " + reason) + ")");
        }
    }

    private void onStop() {
        boolean wasOpen = state == LinkState.OPEN;
        state = LinkState.STOPPED;
        if (retry != null) {
            retry.cancel(false);
        }
        Client c = current;
        current = null;
        if (c != null) {
            closeWithin(c, 1000);
        }
        if (wasOpen) {
            listener.onLinkDown("stopped");
        }
    }

    /** Closes politely, and abruptly when the other side does not answer in time: the link is gone on return. */
    private static void closeWithin(Client c, long timeoutMs) {
        c.close(CloseFrame.GOING_AWAY, "bridge standing down");
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (!c.isClosed() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!c.isClosed()) {
            c.closeConnection(CloseFrame.ABNORMAL_CLOSE, "no close answer");
        }
    }

    /** Stops the link and its thread. */
    @Override
    public void close() {
        stop();
        Loops.stop(loop);
    }

    /** One connection attempt: callbacks hand their work to the link thread, text goes straight out. */
    private final class Client extends WebSocketClient {
        Client() {
            super(config.url(), new GuardedDraft(config.maxFrameBytes()), Map.of(), (int) HANDSHAKE_TIMEOUT_MS);
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            loop.execute(() -> onOpened(this));
        }

        @Override
        public void onMessage(String text) {
            if (this == current) {
                listener.onChannelText(text);
            }
        }

        @Override
        public void onMessage(ByteBuffer bytes) {
            // The channel speaks text only; binary frames are ignored.
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            loop.execute(() -> onClosed(this, code, reason));
        }

        @Override
        public void onError(Exception e) {
            // Every error is followed by onClose, which alone decides what happens next; keep what it means.
            refusal = RefusalReason.explain(e, config.url().getHost(), config.url().getPort());
        }

        private volatile String refusal;
        private int unsentSinceDrained;
    }

    /** RFC 6455 framing with a size cap that refuses masked frames, as a client must. */
    private static final class GuardedDraft extends Draft_6455 {
        private final int maxFrameBytes;
        private FrameMaskGuard guard = new FrameMaskGuard(false);

        GuardedDraft(int maxFrameBytes) {
            super(List.of(), List.of(new Protocol("")), maxFrameBytes);
            this.maxFrameBytes = maxFrameBytes;
        }

        @Override
        public List<Framedata> translateFrame(ByteBuffer buffer) throws InvalidDataException {
            if (!guard.accept(buffer)) {
                throw new InvalidFrameException("masked frame from the server");
            }
            return super.translateFrame(buffer);
        }

        @Override
        public void reset() {
            super.reset();
            guard = new FrameMaskGuard(false);
        }

        @Override
        public Draft copyInstance() {
            return new GuardedDraft(maxFrameBytes);
        }
    }
}

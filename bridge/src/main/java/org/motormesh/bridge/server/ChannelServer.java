package org.motormesh.bridge.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.DefaultSSLWebSocketServerFactory;
import org.java_websocket.server.WebSocketServer;
import org.motormesh.bridge.mapping.ChannelCodec;
import org.motormesh.bridge.mapping.ChannelFrame;
import org.motormesh.bridge.stats.Tally;

/**
 * The classroom channel served locally: assigns client ids, greets with a welcome, and relays every valid
 * message to every client on the same channel path (the sender included) as a data frame. Per-client send
 * queues are bounded; malformed frames are dropped and counted. Thread safe: Java-WebSocket's worker
 * threads call in; counters are concurrent.
 */
public final class ChannelServer implements AutoCloseable {
    private final ChannelServerConfig config;
    private final ChannelCodec codec;
    private final Relay relay;
    private final ServerKeys keys;
    private final CountDownLatch started = new CountDownLatch(1);
    private final long salt = new SecureRandom().nextLong();
    private final AtomicLong nextClient = new AtomicLong();
    private final LongAdder accepted = new LongAdder();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final LongAdder relayed = new LongAdder();
    private final Tally dropped = new Tally();
    private volatile Exception startError;
    private volatile BiConsumer<String, String> tap = (clientId, payload) -> { };

    private record Client(String id, String path) {
    }

    /** A server not yet listening; with TLS, loads or creates the certificate first. */
    public ChannelServer(ChannelServerConfig config) throws IOException, GeneralSecurityException {
        this.config = config;
        this.codec = new ChannelCodec(config.maxTextChars(), 64);
        this.relay = new Relay(new InetSocketAddress(config.host(), config.port()));
        this.keys = config.tls() ? ServerKeys.loadOrCreate(config.configDir()) : null;
        if (keys != null) {
            relay.setWebSocketFactory(new DefaultSSLWebSocketServerFactory(keys.sslContext()));
        }
        relay.setReuseAddr(true);
        relay.setTcpNoDelay(true);
        relay.setDaemon(true);
        relay.setConnectionLostTimeout(10);
    }

    /** Starts listening; returns once bound, or throws when the address is taken. */
    public ChannelServer start() throws IOException {
        relay.start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) {
                throw new IOException("channel server did not start within 10 s on " + config.host());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting", e);
        }
        if (startError != null) {
            throw new IOException("channel server cannot listen on " + config.host() + ":" + config.port()
                    + ": " + startError.getMessage() + " (a channel server or demo already running? choose another port)",
                    startError);
        }
        return this;
    }

    /** The bound port. */
    public int port() {
        return relay.getPort();
    }

    /** The URL of a channel on this server, e.g. {@code wss://localhost:47080/local/api/channels/classroom}. */
    public URI url(String channel) {
        String host = "0.0.0.0".equals(config.host()) || "127.0.0.1".equals(config.host()) ? "localhost" : config.host();
        return URI.create((keys != null ? "wss" : "ws") + "://" + host + ":" + port() + "/local/api/channels/" + channel);
    }

    /** The certificate file clients should trust, or null without TLS. */
    public Path certificate() {
        return keys == null ? null : keys.certificate();
    }

    /** Clients connected now. */
    public int connections() {
        return relay.getConnections().size();
    }

    /** The most clients connected at once since start (counted as they open and close). */
    public int peakConnections() {
        return peak.get();
    }

    /** Clients accepted since start. */
    public long accepted() {
        return accepted.sum();
    }

    /** Messages relayed since start. */
    public long relayed() {
        return relayed.sum();
    }

    /** Frames dropped, by reason. */
    public Map<String, Long> dropped() {
        return dropped.snapshot();
    }

    /** Observes every relayed message (sender id, payload text), on a server thread; must not block. */
    public void tap(BiConsumer<String, String> observer) {
        this.tap = observer;
    }

    private void drop(String reason) {
        dropped.add(reason);
    }

    private void onText(WebSocket from, String text) {
        Client sender = from.getAttachment();
        ChannelFrame frame = codec.decode(text);
        if (!frame.isMessage()) {
            drop(frame.drop() == null ? "unexpected_" + frame.kind().name().toLowerCase() : frame.drop().name().toLowerCase());
            return;
        }
        String out = codec.encodeData(sender.id(), frame.payload());
        List<WebSocket> targets = new ArrayList<>();
        for (WebSocket c : relay.getConnections()) {
            Client client = c.getAttachment();
            if (client == null || !client.path().equals(sender.path())) {
                continue;
            }
            if (((WebSocketImpl) c).outQueue.size() >= config.maxQueuedPerClient()) {
                drop("slow_client");
            } else {
                targets.add(c);
            }
        }
        relay.broadcast(out, targets);
        relayed.increment();
        tap.accept(sender.id(), frame.payload());
    }

    /** Stops listening and closes every client. */
    @Override
    public void close() {
        try {
            relay.stop(1000, "server shutting down");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (WebSocket c : relay.getConnections()) {
            // Stopping leaves sockets open whose close handshake did not finish (or that were accepted
            // meanwhile); their clients would only notice by ping timeout.
            c.closeConnection(org.java_websocket.framing.CloseFrame.GOING_AWAY, "server stopped");
        }
    }

    /** The Java-WebSocket server; callbacks forward to the enclosing channel server. */
    private final class Relay extends WebSocketServer {
        Relay(InetSocketAddress address) {
            super(address, List.of(new Draft_6455(List.of(), List.of(new Protocol("")), config.maxFrameBytes())));
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            String id = Long.toHexString(salt ^ (nextClient.incrementAndGet() * 0x9E3779B97F4A7C15L));
            conn.setAttachment(new Client(id, handshake.getResourceDescriptor()));
            accepted.increment();
            peak.accumulateAndGet(open.incrementAndGet(), Math::max);
            conn.send(codec.encodeWelcome(id));
        }

        @Override
        public void onMessage(WebSocket conn, String text) {
            onText(conn, text);
        }

        @Override
        public void onMessage(WebSocket conn, ByteBuffer bytes) {
            drop("binary");
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            if (conn.getAttachment() != null) {
                conn.setAttachment(null);
                open.decrementAndGet();
            }
            if (code == org.java_websocket.framing.CloseFrame.TOOBIG) {
                drop("too_big");
            }
        }

        @Override
        public void onError(WebSocket conn, Exception e) {
            if (conn == null && started.getCount() > 0) {
                startError = e;
                started.countDown();
            }
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}

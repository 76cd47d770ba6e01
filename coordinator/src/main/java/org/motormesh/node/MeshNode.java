package org.motormesh.node;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.motormesh.discovery.DnssdProxy;
import org.motormesh.discovery.MdnsDiscovery;
import org.motormesh.engine.MeshEngine;
import org.motormesh.mesh.Interfaces;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.mesh.MeshListener;
import org.motormesh.mesh.MeshStats;
import org.motormesh.mesh.MessageHandler;
import org.motormesh.mesh.MonotonicClock;
import org.motormesh.mesh.PeerView;
import org.motormesh.mesh.PublishLimit;
import org.motormesh.mesh.RateLimitedLog;
import org.motormesh.mesh.Subscription;
import org.motormesh.proto.v1.Qos;
import org.motormesh.proto.v1.Value;
import org.motormesh.transport.UdpTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mesh peer: finds others on the scouting group, by mDNS, seeds and gossip, keeps them by lease, and exchanges
 * topic/value messages with them by unicast UDP; with mDNS on it also publishes DNS-SD records for peers that
 * cannot (boards on stock firmware). This class only wires the parts: the UDP transport's event loop owns the
 * {@link MeshEngine}; every public method here is safe from any thread and hands its work to that loop.
 */
public final class MeshNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MeshNode.class);
    private static final long TICK_MS = 10;

    private static final String PROTOCOL = Integer.toString(MeshEngine.PROTOCOL_VERSION);
    private final MeshConfig config;
    private final ListenerSet listeners = new ListenerSet();
    private final RateLimitedLog handlerErrors = new RateLimitedLog(LOG, 5_000);
    private final RateLimitedLog loopErrors = new RateLimitedLog(LOG, 5_000);
    private UdpTransport transport;
    /** Set once in {@link #start()} after the sockets are open; datagrams that come before it are dropped. */
    private volatile MeshEngine engine;
    /** The scouting group of proto/FRAME.md. */
    public static final String SCOUT_GROUP = "224.0.0.224";
    private MdnsDiscovery discovery;
    private DnssdProxy proxy;
    private ScheduledFuture<?> ticker;
    private volatile boolean closed;

    public MeshNode(MeshConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Binds the UDP port, starts heartbeats, contacts seeds and starts mDNS in the background. */
    public synchronized MeshNode start() {
        if (transport != null) {
            throw new IllegalStateException("node " + config.name() + " already started");
        }
        transport = UdpTransport.bind(config.interfaceAddress(), config.port(), config.spinMicros(),
                "mesh-" + config.name(), this::onDatagram);
        int port = transport.localAddress().getPort();
        InetSocketAddress group = null;
        InetSocketAddress broadcast = null;
        if (config.scoutPort() > 0 && transport.openScout(config.scoutPort(), scoutGroup(), config.interfaceAddress(),
                this::onScoutDatagram)) {
            group = new InetSocketAddress(scoutGroup(), config.scoutPort());
            broadcast = Interfaces.broadcastOf(config.interfaceAddress())
                    .map(b -> new InetSocketAddress(b, config.scoutPort())).orElse(null);
        }
        if (config.mdns()) {
            proxy = new DnssdProxy(config.interfaceAddress(), MdnsDiscovery.SERVICE_TYPE);
            listeners.add(new ProxiedPeers(proxy));
        }
        engine = new MeshEngine(config, System.currentTimeMillis(), port, transport::send, group, broadcast,
                listeners, e -> handlerErrors.warn("a subscriber's handler threw", e), new SplittableRandom(),
                MonotonicClock.nowUs(), Interfaces.subnetOf(config.interfaceAddress()));
        ticker = transport.loop().scheduleAtFixedRate(this::onTick, 0, TICK_MS, TimeUnit.MILLISECONDS);
        LOG.info("node {} (id {}, role {}) on udp {}:{} ({}){}", config.name(), config.nodeId(), config.role(),
                config.interfaceAddress().getHostAddress(), port, transport.kind(),
                config.groupKey() == null ? "" : ", frames signed with the group key");
        if (config.mdns()) {
            discovery = new MdnsDiscovery(config.interfaceAddress(), config.name(), port, txt(),
                    (name, address, txt) -> transport.loop().execute(
                            () -> engine.onPeerFound(address, txt.get("id"), MonotonicClock.nowUs())));
            discovery.start();
            proxy.start();
        }
        return this;
    }

    private static InetAddress scoutGroup() {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) 224, 0, 0, (byte) 224});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> txt() {
        return config.channel().isEmpty()
                ? Map.of("v", PROTOCOL, "id", config.nodeId(), "role", config.role())
                : Map.of("v", PROTOCOL, "id", config.nodeId(), "role", config.role(), "channel", config.channel(),
                        "prio", Integer.toString(config.priority()));
    }

    /** The mesh loop's timer boundary: a failing tick is reported and the next tick runs. */
    private void onTick() {
        try {
            engine.onTick(MonotonicClock.nowUs());
        } catch (RuntimeException e) {
            loopErrors.warn("a tick of node " + config.name() + " failed", e);
        }
    }

    private void onDatagram(InetSocketAddress from, byte[] data, int length) {
        MeshEngine e = engine;
        if (e != null) { // null only for a datagram that beat start() to it: the sender repeats itself
            e.onDatagram(from, data, length, MonotonicClock.nowUs());
        }
    }

    private void onScoutDatagram(InetSocketAddress from, byte[] data, int length) {
        MeshEngine e = engine;
        if (e != null) {
            e.onScoutDatagram(from, data, length, MonotonicClock.nowUs());
        }
    }

    /** Publishes to every live peer subscribed to a prefix of {@code topic}. Returns at once. */
    public void publish(String topic, Value value, Qos qos) {
        publish(topic, value, qos, false);
    }

    /** As {@link #publish}, marked as come from the channel so no bridge sends it back up. */
    public void publishFromChannel(String topic, Value value, Qos qos) {
        publish(topic, value, qos, true);
    }

    private void publish(String topic, Value value, Qos qos, boolean fromChannel) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(qos, "qos");
        PublishLimit.check(topic, value);
        onLoop(() -> engine.publish(topic, value, qos, fromChannel, MonotonicClock.nowUs()));
    }

    /** Receives messages whose topic starts with {@code prefix} ("" is everything); peers are told at once. */
    public Subscription subscribe(String prefix, MessageHandler handler) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(handler, "handler");
        onLoop(() -> engine.subscribe(prefix, handler, MonotonicClock.nowUs()));
        return new Subscription() {
            @Override
            public String prefix() {
                return prefix;
            }

            @Override
            public void close() {
                onLoop(() -> engine.unsubscribe(prefix, handler, MonotonicClock.nowUs()));
            }
        };
    }

    /**
     * Changes the election priority this node's Hellos carry, and tells the mesh at once (a bridge holding the
     * channel link advertises more than any rival may have, so a returning rival does not take over).
     */
    public void advertisePriority(int priority) {
        onLoop(() -> engine.advertisePriority(priority, MonotonicClock.nowUs()));
    }

    public void addListener(MeshListener listener) {
        listeners.add(listener);
    }

    public void removeListener(MeshListener listener) {
        listeners.remove(listener);
    }

    /** The live peers now. */
    public List<PeerView> peers() {
        return query(() -> engine.peers());
    }

    public MeshStats stats() {
        return engine.counters().snapshot(peers());
    }

    /** QoS 1 messages sent and not yet acknowledged by every subscriber. */
    public int unacknowledged() {
        return query(() -> engine.unacknowledged());
    }

    public String id() {
        return config.nodeId();
    }

    public String name() {
        return config.name();
    }

    public MeshConfig config() {
        return config;
    }

    /** The bound UDP address (after {@link #start()}). */
    public InetSocketAddress localAddress() {
        return transport.localAddress();
    }

    /** Says Bye to every peer, stops mDNS without waiting for JmDNS, and closes the socket. */
    @Override
    public void close() {
        stop(true);
    }

    /**
     * Stops at once without saying Bye, as a power cut or a crash would: for tests and benchmarks of how the
     * others notice.
     */
    public void crash() {
        stop(false);
    }

    private synchronized void stop(boolean sayBye) {
        if (closed || transport == null) {
            closed = true;
            return;
        }
        closed = true;
        try {
            query(() -> {
                ticker.cancel(false);
                if (sayBye) {
                    engine.sayBye(MonotonicClock.nowUs());
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.debug("bye not sent: {}", e.toString());
        }
        if (discovery != null) {
            discovery.close();
            proxy.close();
        }
        transport.close();
        LOG.info("node {} stopped{}", config.name(), sayBye ? "" : " without Bye");
    }

    private void onLoop(Runnable work) {
        requireStarted();
        if (transport.inLoop()) {
            work.run();
        } else {
            transport.loop().execute(work);
        }
    }

    private <T> T query(Supplier<T> question) {
        requireStarted();
        if (transport.inLoop()) {
            return question.get();
        }
        try {
            return CompletableFuture.supplyAsync(question, transport.loop()).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("node " + config.name() + " did not answer: " + e, e);
        }
    }

    private void requireStarted() {
        if (transport == null) {
            throw new IllegalStateException("node " + config.name() + " is not started");
        }
    }
}

package org.motormesh.bridge;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import org.motormesh.bridge.election.ElectionRole;
import org.motormesh.bridge.link.ChannelLink;
import org.motormesh.bridge.link.LinkListener;
import org.motormesh.bridge.link.TlsTrust;
import org.motormesh.bridge.mapping.ChannelCodec;
import org.motormesh.bridge.outbox.TakenNotice;
import org.motormesh.bridge.outbox.Upstream;
import org.motormesh.bridge.stats.Tally;
import org.motormesh.node.MeshNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bridge: mesh messages go up through the {@link ElectedUplink} (election, coalescer, outbox, failover shadow) to
 * the channel link while this bridge is elected; channel messages come down to the mesh marked as from the channel.
 * The way down ({@link Downlink}) runs on the link's read thread.
 */
public final class Bridge implements AutoCloseable, LinkListener {
    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);

    private final ChannelCodec codec = new ChannelCodec();
    private final ChannelLink link;
    private final Tally dropped = new Tally();
    private final Downlink downlink;
    private final ElectedUplink uplink;
    private volatile String lastRefusal = "";
    /**
     * Sent on the link behind a backlog (a slow or stalled channel), so maybe still in its buffer: the standbys keep
     * their copies until it is written. Bounded by the link's own cap on unsent frames. Loop only.
     */
    private final ArrayDeque<Upstream> unflushed = new ArrayDeque<>();
    /** When a written frame counts as delivered: its echo back, where the channel echoes ours. Loop only. */
    private final EchoConfirmations echoConfirmations;

    /** A bridge over a started mesh node whose config names role bridge, the channel URL and a priority. */
    public Bridge(BridgeConfig config, MeshNode node) throws GeneralSecurityException, IOException {
        this.link = new ChannelLink(config.link(), TlsTrust.context(config.link().trustCert()), this);
        this.downlink = new Downlink(codec, config.rules(), node, dropped, config.downPerTopicPerS(), this::onOwnEcho);
        this.echoConfirmations = new EchoConfirmations(this::delivered);
        ElectedUplink.Settings settings = new ElectedUplink.Settings("bridge", config.link().url().toString(), TakenNotice.TOPIC,
                config.rules(), config.outbox(), config.settleMs());
        this.uplink = new ElectedUplink(settings, node, new ElectedUplink.Link() {
            @Override
            public void start() {
                link.start();
            }

            @Override
            public void stop() {
                link.stop();
            }

            @Override
            public boolean send(Upstream message) {
                poll();
                if (echoConfirmations.expectsEchoes()) {
                    if (!link.send(message.text())) {
                        return false;
                    }
                    echoConfirmations.sent(message, nowMs());
                    return true;
                }
                boolean idle = unflushed.isEmpty() && link.flushed();
                if (!link.send(message.text())) {
                    return false;
                }
                if (idle) {
                    uplink.confirmed(message); // an idle socket writes it at once
                } else {
                    unflushed.add(message); // behind a backlog: delivered once the backlog is written
                }
                return true;
            }

            @Override
            public boolean confirmsLater() {
                return true;
            }

            @Override
            public void poll() {
                if (!unflushed.isEmpty() && link.flushed()) {
                    confirmUnflushed();
                }
                echoConfirmations.expire(nowMs());
            }
        }, codec::encodeMessage, dropped, "bridge-loop");
    }

    /** Our own frame came back from the channel (link read thread). */
    private void onOwnEcho(String payload) {
        uplink.execute(() -> echoConfirmations.echoed(payload));
    }

    private void delivered(Upstream message) {
        uplink.confirmed(message);
    }

    private static long nowMs() {
        return System.nanoTime() / 1_000_000;
    }

    /** What the link held when it flushed or closed counts as delivered (a closing socket sends what it took). */
    private void confirmUnflushed() {
        for (Upstream m : unflushed) {
            uplink.confirmed(m);
        }
        unflushed.clear();
    }

    /** Joins the election, subscribes to the up prefixes and starts the loop. */
    public Bridge start() {
        uplink.start();
        return this;
    }

    @Override
    public void onLinkUp() {
        uplink.onLinkUp();
    }

    /** Says why the channel refused us, once per distinct reason (the link retries on its own). */
    @Override
    public void onLinkRefused(String why) {
        if (!why.equals(lastRefusal)) {
            lastRefusal = why;
            LOG.warn("channel link refused: {}", why);
        }
    }

    @Override
    public void onLinkDown(String reason) {
        uplink.execute(() -> {
            confirmUnflushed();
            echoConfirmations.confirmAll();
        });
        downlink.onLinkDown();
    }

    @Override
    public void onChannelText(String text) {
        downlink.onChannelText(text);
    }

    /** Counters now (loop-owned ones as of its last drain); safe from any thread. */
    public BridgeStats stats() {
        Map<String, Long> drops = dropped.snapshot();
        drops.putAll(uplink.ownDrops());
        link.closes().forEach((reason, n) -> drops.put("link_" + reason, n));
        drops.values().removeIf(n -> n == 0);
        return new BridgeStats(link.state().word(), uplink.role().name().toLowerCase(Locale.ROOT),
                uplink.up(), downlink.down(), uplink.queued(), uplink.coalesced(), uplink.shadowed(), drops);
    }

    /** The election role now. */
    public ElectionRole role() {
        return uplink.role();
    }

    /** Closes the link first (so a standby never overlaps), then leaves the election; the node stays the caller's. */
    @Override
    public void close() {
        link.close();
        uplink.close();
    }
}

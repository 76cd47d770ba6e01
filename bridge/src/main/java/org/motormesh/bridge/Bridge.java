package org.motormesh.bridge;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.motormesh.bridge.election.BridgeElection;
import org.motormesh.bridge.election.Candidate;
import org.motormesh.bridge.election.ElectionRole;
import org.motormesh.bridge.link.ChannelLink;
import org.motormesh.bridge.link.LinkListener;
import org.motormesh.bridge.link.TlsTrust;
import org.motormesh.bridge.mapping.ChannelCodec;
import org.motormesh.bridge.outbox.Coalescer;
import org.motormesh.bridge.outbox.Outbox;
import org.motormesh.bridge.outbox.Shadow;
import org.motormesh.bridge.outbox.TakenNotice;
import org.motormesh.bridge.outbox.Upstream;
import org.motormesh.bridge.stats.Tally;
import org.motormesh.mesh.Loops;
import org.motormesh.mesh.MeshListener;
import org.motormesh.mesh.Message;
import org.motormesh.mesh.PeerView;
import org.motormesh.mesh.Subscription;
import org.motormesh.mesh.Values;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Qos;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bridge: mesh messages go up through the coalescer and the outbox to the channel link while this
 * bridge is elected; channel messages come down to the mesh marked as from the channel. The bridge loop
 * thread owns the election, the outbox and the coalescer; mesh and link callbacks hand work to it. The
 * way down ({@link Downlink}) runs on the link's read thread.
 *
 * <p>Failover without loss: every bridge acknowledges the QoS 1 messages it receives, so a standby keeps them in
 * its {@link Shadow}; the active bridge tells the standbys ({@link TakenNotice}, QoS 1 on the mesh) each key its link
 * has taken, and they drop those copies. A standby that takes over sends what its shadow still holds before anything
 * new, so an acknowledged message goes up once, from one bridge, in order per publisher.
 */
public final class Bridge implements AutoCloseable, LinkListener, MeshListener {
    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);
    private static final long TICK_MS = 5;
    private static final long RIVAL_REFRESH_MS = 100;
    private long nextRivalRefreshMs;

    private final BridgeConfig config;
    private final MeshNode node;
    private final ChannelCodec codec = new ChannelCodec();
    private final ChannelLink link;
    private final ScheduledExecutorService loop;
    private final Outbox outbox;
    private final Coalescer coalescer;
    private final Shadow shadow;
    private final List<String> takenSinceNotice = new ArrayList<>();
    private final Map<String, Candidate> rivals = new HashMap<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final Tally dropped = new Tally();
    private final Downlink downlink;
    private final LongAdder up = new LongAdder();
    private BridgeElection election;
    private volatile ElectionRole role = ElectionRole.SETTLING;
    private volatile int queued;
    private volatile long coalesced;
    private volatile long overflow;
    private volatile int shadowed;
    private volatile long shadowOverflow;
    private volatile long takenEvicted;

    /** A bridge over a started mesh node whose config names role bridge, the channel URL and a priority. */
    public Bridge(BridgeConfig config, MeshNode node) throws GeneralSecurityException, IOException {
        this.config = config;
        this.node = node;
        this.link = new ChannelLink(config.link(), TlsTrust.context(config.link().trustCert()), this);
        this.downlink = new Downlink(codec, config.rules(), node, dropped, config.downPerTopicPerS());
        this.outbox = new Outbox(config.outbox().capacity());
        this.shadow = new Shadow(config.outbox().capacity(), 4 * config.outbox().capacity());
        this.coalescer = new Coalescer(config.outbox().ratePerTopic(), config.outbox().maxTopics());
        this.loop = Loops.start("bridge-loop");
    }

    /** Joins the election, subscribes to the up prefixes and starts the loop. */
    public Bridge start() {
        Candidate self = new Candidate(node.id(), node.config().priority(), config.link().url().toString());
        loop.execute(() -> election = new BridgeElection(self, nowMs(), config.settleMs()));
        node.addListener(this);
        for (PeerView p : node.peers()) {
            onPeerJoined(p);
        }
        for (String prefix : config.rules().upPrefixes()) {
            subscriptions.add(node.subscribe(prefix, m -> loop.execute(() -> onMeshMessage(m))));
        }
        subscriptions.add(node.subscribe(TakenNotice.TOPIC, m -> loop.execute(() -> guarded(() -> onTakenNotice(m)))));
        loop.scheduleAtFixedRate(() -> guarded(this::onTick), TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The loop's one error boundary: a failing task is logged, and the loop goes on. */
    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            dropped.add("internal_error");
            LOG.warn("bridge loop task failed", e);
        }
    }

    private static long nowMs() {
        return System.nanoTime() / 1_000_000;
    }

    @Override
    public void onPeerJoined(PeerView peer) {
        if ("bridge".equals(peer.role())) {
            Candidate c = new Candidate(peer.nodeId(), peer.priority(), peer.channel());
            loop.execute(() -> {
                rivals.put(c.nodeId(), c);
                reelect();
            });
        }
    }

    @Override
    public void onPeerLost(PeerView peer, LossCause cause) {
        loop.execute(() -> {
            if (rivals.remove(peer.nodeId()) != null) {
                reelect();
            }
        });
    }

    private void reelect() {
        ElectionRole next = election.evaluate(nowMs(), rivals.values(), role == ElectionRole.ACTIVE);
        if (next == role) {
            return;
        }
        if (next == ElectionRole.ACTIVE) {
            int held = shadow.release(outbox::offer);
            if (held > 0) {
                LOG.info("taking over the channel link: {} acknowledged message(s) the last active bridge had not sent go first",
                        held);
            }
            link.start();
            node.advertisePriority(election.advertised(true).priority());
        } else if (role == ElectionRole.ACTIVE) {
            link.stop();
            yieldOutbox();
            node.advertisePriority(election.advertised(false).priority());
        }
        LOG.info("bridge role {} -> {}", role.name().toLowerCase(Locale.ROOT), next.name().toLowerCase(Locale.ROOT));
        role = next;
        publishState();
    }

    /** Stepping aside: unsent QoS 1 messages stay in the shadow (the winner has them too and says when it sent them). */
    private void yieldOutbox() {
        Upstream next;
        int yielded = 0;
        while ((next = outbox.peek()) != null) {
            outbox.remove();
            if (!shadow.hold(next)) {
                yielded++;
            }
        }
        dropped.add("yielded", yielded);
    }

    /** The active bridge's word that its link took these keys: drop our copies. Only a bridge of our channel counts. */
    private void onTakenNotice(Message m) {
        Candidate from = rivals.get(m.senderId());
        if (from == null || !from.channel().equals(config.link().url().toString())) {
            dropped.add("taken_notice_stranger");
            return;
        }
        List<String> keys = m.value().hasText() ? TakenNotice.decode(m.value().getText()) : null;
        if (keys == null) {
            dropped.add("taken_notice_malformed");
            return;
        }
        keys.forEach(shadow::taken);
        publishState();
    }

    /** Rivals' advertised priorities change (one that takes the link raises it): read them again. */
    private void refreshRivals() {
        for (PeerView peer : node.peers()) {
            Candidate known = rivals.get(peer.nodeId());
            if (known != null && known.priority() != peer.priority()) {
                rivals.put(peer.nodeId(), new Candidate(peer.nodeId(), peer.priority(), peer.channel()));
            }
        }
    }

    private void onTick() {
        long now = nowMs();
        if (now >= nextRivalRefreshMs) {
            nextRivalRefreshMs = now + RIVAL_REFRESH_MS;
            refreshRivals();
        }
        reelect();
        coalescer.poll(nowMs(), outbox::offer);
        drain();
    }

    private void onMeshMessage(Message m) {
        if (m.fromChannel()) {
            dropped.add("from_channel");
            return;
        }
        String topic = config.rules().upTopic(m.topic());
        if (topic == null) {
            return;
        }
        boolean acked = m.qos() == Qos.QOS_ACKED;
        if (role != ElectionRole.ACTIVE && !acked) {
            dropped.add("standby");
            return;
        }
        String text = codec.encodeMessage(topic, m.value());
        if (text == null) {
            dropped.add("bad_value");
            return;
        }
        String key = acked && m.messageId() != 0 ? Upstream.key(m.senderId(), m.senderEpoch(), m.messageId()) : null;
        Upstream message = new Upstream(topic, text, acked, key);
        if (role != ElectionRole.ACTIVE) {
            if (!shadow.hold(message)) {
                dropped.add("standby");
            }
            publishState();
            return;
        }
        coalescer.offer(message, nowMs(), outbox::offer);
        drain();
    }

    private void drain() {
        Upstream next;
        while ((next = outbox.peek()) != null && link.send(next.text())) {
            outbox.remove();
            up.increment();
            if (next.key() != null) {
                takenSinceNotice.add(next.key());
            }
        }
        if (!takenSinceNotice.isEmpty()) {
            for (String text : TakenNotice.encode(takenSinceNotice)) {
                node.publish(TakenNotice.TOPIC, Values.text(text), Qos.QOS_ACKED);
            }
            takenSinceNotice.clear();
        }
        publishState();
    }

    /** Copies the loop's counts to the fields {@link #stats()} reads from other threads. */
    private void publishState() {
        queued = outbox.size();
        coalesced = coalescer.coalesced();
        overflow = outbox.dropped();
        shadowed = shadow.size();
        shadowOverflow = shadow.overflow();
        takenEvicted = shadow.takenEvicted();
    }

    @Override
    public void onLinkUp() {
        loop.execute(this::drain);
    }

    /** Says why the channel refused us, once per distinct reason (the link retries on its own). */
    @Override
    public void onLinkRefused(String why) {
        if (!why.equals(lastRefusal)) {
            lastRefusal = why;
            LOG.warn("channel link refused: {}", why);
        }
    }

    private volatile String lastRefusal = "";

    @Override
    public void onLinkDown(String reason) {
        downlink.onLinkDown();
    }

    @Override
    public void onChannelText(String text) {
        downlink.onChannelText(text);
    }

    /** Counters now (loop-owned ones as of its last drain); safe from any thread. */
    public BridgeStats stats() {
        Map<String, Long> drops = dropped.snapshot();
        drops.put("overflow", overflow);
        drops.put("shadow_overflow", shadowOverflow);
        drops.put("taken_evicted", takenEvicted);
        link.closes().forEach((reason, n) -> drops.put("link_" + reason, n));
        drops.values().removeIf(n -> n == 0);
        return new BridgeStats(link.state().word(), role.name().toLowerCase(Locale.ROOT), up.sum(), downlink.down(), queued,
                coalesced, shadowed, drops);
    }

    /** The election role now. */
    public ElectionRole role() {
        return role;
    }

    /** Closes the link first (so a standby never overlaps), then stops the loop; the node stays the caller's. */
    @Override
    public void close() {
        node.removeListener(this);
        subscriptions.forEach(Subscription::close);
        link.close();
        Loops.stop(loop);
    }
}

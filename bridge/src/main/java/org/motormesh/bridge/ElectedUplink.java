package org.motormesh.bridge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.motormesh.bridge.election.BridgeElection;
import org.motormesh.bridge.election.Candidate;
import org.motormesh.bridge.election.ElectionRole;
import org.motormesh.bridge.mapping.TopicRules;
import org.motormesh.bridge.outbox.Coalescer;
import org.motormesh.bridge.outbox.Outbox;
import org.motormesh.bridge.outbox.OutboxConfig;
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
import org.motormesh.proto.v1.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one elected way up of a mesh, whatever it links to (the classroom channel, an MQTT broker): the election among
 * the mesh's bridges of the same target, the coalescer, the bounded outbox and the failover shadow, owned by one loop
 * thread. While elected it starts its {@link Link} and sends the outbox through it in order; a standby stops it.
 * The channel {@link Bridge} and the MQTT link are both this plus their own link and way down.
 *
 * <p>Failover without loss: every candidate acknowledges the QoS 1 messages it receives, so a standby keeps them in
 * its {@link Shadow}; the active one tells the standbys ({@link TakenNotice}, QoS 1 on the mesh) each key its link
 * has delivered (not merely queued: a link backed up by a slow server may hold a thousand), and they drop those copies. A standby that takes over sends what its shadow still holds before anything
 * new, so an acknowledged message goes up once, from one node, in order per publisher.
 */
public final class ElectedUplink implements AutoCloseable, MeshListener {
    /** What carries messages up while this node is elected. Called on the uplink's loop. */
    public interface Link {
        /** Elected: connect, and stay connected (reconnecting on its own) until {@link #stop()}. */
        void start();

        /** No longer elected: disconnect. */
        void stop();

        /** Sends one message; false (the message stays queued) when the link cannot take it now. */
        boolean send(Upstream message);

        /**
         * True when the far end confirms each acknowledged message later (MQTT's PUBACK) and the link calls
         * {@link ElectedUplink#confirmed} then: standbys keep their copy until that, not merely until it was handed over.
         */
        default boolean confirmsLater() {
            return false;
        }

        /** Called on every tick of the uplink's loop while elected, so a link can confirm what it delivered since. */
        default void poll() {
        }
    }

    /** Turns a mesh value into the text sent up under {@code upTopic}; null when the value has no form there. */
    public interface Encoder {
        String encode(String upTopic, Value value);
    }

    /**
     * What one uplink serves.
     *
     * @param name what the logs call it ("bridge", "mqtt link"): role changes are logged as {@code NAME role A -> B}
     * @param target what it links to (the channel or broker URL, advertised as the node's channel): only candidates
     *               of the same target compete
     * @param takenTopic the mesh-only topic of its {@link TakenNotice}s
     * @param rules which topics go up and under what name
     * @param outbox capacity and per-topic rate of the way up
     * @param settleMs how long a new candidate listens for rivals before claiming the link
     */
    public record Settings(String name, String target, String takenTopic, TopicRules rules, OutboxConfig outbox, long settleMs) {
        /** Validates, quoting the bad value. */
        public Settings {
            if (name == null || target == null || rules == null || outbox == null) {
                throw new IllegalArgumentException("name, target, rules and outbox are required");
            }
            if (takenTopic == null || !takenTopic.startsWith(TopicRules.MESH_ONLY)) {
                throw new IllegalArgumentException("taken topic must be under " + TopicRules.MESH_ONLY + ", was "
                        + takenTopic);
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ElectedUplink.class);
    private static final String CANDIDATE_ROLE = "bridge";
    private static final long TICK_MS = 5;
    /** True while {@link #drain()} sends: confirmations then go in its one notice. Loop only. */
    private boolean draining;
    private static final long RIVAL_REFRESH_MS = 100;

    private final Settings settings;
    private final MeshNode node;
    private final Link link;
    private final Encoder encoder;
    private final Tally dropped;
    private final ScheduledExecutorService loop;
    private final Outbox outbox;
    private final Coalescer coalescer;
    private final Shadow shadow;
    private final List<String> takenSinceNotice = new ArrayList<>();
    private final Map<String, Candidate> rivals = new HashMap<>();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final LongAdder up = new LongAdder();
    private long nextRivalRefreshMs;
    private BridgeElection election;
    private volatile ElectionRole role = ElectionRole.SETTLING;
    private volatile int queued;
    private volatile long coalesced;
    private volatile long overflow;
    private volatile int shadowed;
    private volatile long shadowOverflow;
    private volatile long takenEvicted;

    /**
     * An uplink over a started mesh node (role bridge) with its own loop named {@code loopName}; drops are counted in
     * {@code dropped}, which its owner shares with its way down.
     */
    public ElectedUplink(Settings settings, MeshNode node, Link link, Encoder encoder, Tally dropped, String loopName) {
        this.settings = settings;
        this.node = node;
        this.link = link;
        this.encoder = encoder;
        this.dropped = dropped;
        this.outbox = new Outbox(settings.outbox().capacity());
        this.shadow = new Shadow(settings.outbox().capacity(), 4 * settings.outbox().capacity());
        this.coalescer = new Coalescer(settings.outbox().ratePerTopic(), settings.outbox().maxTopics());
        this.loop = Loops.start(loopName);
    }

    /** Joins the election, subscribes to the up prefixes and starts the loop. */
    public ElectedUplink start() {
        Candidate self = new Candidate(node.id(), node.config().priority(), settings.target());
        loop.execute(() -> election = new BridgeElection(self, nowMs(), settings.settleMs()));
        node.addListener(this);
        for (PeerView p : node.peers()) {
            onPeerJoined(p);
        }
        for (String prefix : settings.rules().upPrefixes()) {
            subscriptions.add(node.subscribe(prefix, m -> onLoop(() -> onMeshMessage(m))));
        }
        subscriptions.add(node.subscribe(settings.takenTopic(),
                m -> onLoop(() -> onTakenNotice(m))));
        loop.scheduleAtFixedRate(() -> guarded(this::onTick), TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The loop's one error boundary: a failing task is logged, and the loop goes on. */
    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            dropped.add("internal_error");
            LOG.warn("uplink loop task failed", e);
        }
    }

    private static long nowMs() {
        return System.nanoTime() / 1_000_000;
    }

    @Override
    public void onPeerJoined(PeerView peer) {
        if (CANDIDATE_ROLE.equals(peer.role())) {
            Candidate c = new Candidate(peer.nodeId(), peer.priority(), peer.channel());
            onLoop(() -> {
                rivals.put(c.nodeId(), c);
                reelect();
            });
        }
    }

    @Override
    public void onPeerLost(PeerView peer, LossCause cause) {
        onLoop(() -> {
            if (rivals.remove(peer.nodeId()) != null) {
                reelect();
            }
        });
    }

    private void reelect() {
        if (election == null) {
            return;
        }
        ElectionRole next = election.evaluate(nowMs(), rivals.values(), role == ElectionRole.ACTIVE);
        if (next == role) {
            return;
        }
        // The new role shows at once (a first connect may take a while), and is logged as before -> after.
        ElectionRole before = role;
        role = next;
        if (next == ElectionRole.ACTIVE) {
            int held = shadow.release(outbox::offer);
            if (held > 0) {
                LOG.info("{} taking over the link to {}: {} acknowledged message(s) the last active one had not "
                        + "sent go first", settings.name(), settings.target(), held);
            }
            link.start();
            node.advertisePriority(election.advertised(true).priority());
        } else if (before == ElectionRole.ACTIVE) {
            link.stop();
            yieldOutbox();
            node.advertisePriority(election.advertised(false).priority());
        }
        LOG.info("{} role {} -> {}", settings.name(), before.name().toLowerCase(Locale.ROOT),
                next.name().toLowerCase(Locale.ROOT));
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

    /** The active node's word that its link took these keys: drop our copies. Only a rival of our target counts. */
    private void onTakenNotice(Message m) {
        Candidate from = rivals.get(m.senderId());
        if (from == null || !from.channel().equals(settings.target())) {
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
        if (role == ElectionRole.ACTIVE) {
            link.poll();
        }
        drain();
    }

    private void onMeshMessage(Message m) {
        if (m.fromChannel()) {
            dropped.add("from_channel");
            return;
        }
        String topic = settings.rules().upTopic(m.topic());
        if (topic == null) {
            return;
        }
        boolean acked = m.qos() == Qos.QOS_ACKED;
        if (role != ElectionRole.ACTIVE && !acked) {
            dropped.add("standby");
            return;
        }
        String text = encoder.encode(topic, m.value());
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
        draining = true;
        try {
            Upstream next;
            while ((next = outbox.peek()) != null && link.send(next)) {
                outbox.remove();
                up.increment();
                if (next.key() != null && !link.confirmsLater()) {
                    takenSinceNotice.add(next.key());
                }
            }
        } finally {
            draining = false;
        }
        tellStandbys();
    }

    /**
     * The far end confirmed {@code message} (a link that {@link Link#confirmsLater()}); loop only. The standbys hear
     * it at once (batched with the rest when it comes while sending): every moment a confirmed value waits for its
     * notice is a moment in which a crash makes the standby send it again.
     */
    public void confirmed(Upstream message) {
        if (message.key() != null) {
            takenSinceNotice.add(message.key());
            if (!draining) {
                tellStandbys();
            }
        }
    }

    /** Tells the standbys which acknowledged messages went up, so they drop their copies. */
    private void tellStandbys() {
        if (!takenSinceNotice.isEmpty()) {
            for (String text : TakenNotice.encode(takenSinceNotice)) {
                node.publish(settings.takenTopic(), Values.text(text), Qos.QOS_ACKED);
            }
            takenSinceNotice.clear();
        }
        publishState();
    }

    /** Copies the loop's counts to the fields read from other threads. */
    private void publishState() {
        queued = outbox.size();
        coalesced = coalescer.coalesced();
        overflow = outbox.dropped();
        shadowed = shadow.size();
        shadowOverflow = shadow.overflow();
        takenEvicted = shadow.takenEvicted();
    }

    /** The link can take messages again (it connected): send what waits. Safe from any thread. */
    public void onLinkUp() {
        onLoop(this::drain);
    }

    /** Runs {@code task} on the uplink's loop (for a link's callbacks that touch loop-owned state). */
    public void execute(Runnable task) {
        onLoop(task);
    }

    /**
     * Runs {@code task} on the loop, its failures reported. After {@link #close()} a late callback (a link or the
     * mesh reporting as they shut down) is dropped: there is nothing left for it to change.
     */
    private void onLoop(Runnable task) {
        try {
            loop.execute(() -> guarded(task));
        } catch (RejectedExecutionException e) {
            if (!loop.isShutdown()) {
                throw e;
            }
        }
    }

    /** Puts messages the link had taken but could not deliver back at the head of the outbox, in order; loop only. */
    public void requeueFirst(List<Upstream> messages) {
        outbox.offerFirst(messages);
        up.add(-messages.size());
        publishState();
    }

    /** The election role now. */
    public ElectionRole role() {
        return role;
    }

    /** Messages the link has taken so far. */
    public long up() {
        return up.sum();
    }

    /** Messages waiting in the outbox (as of the loop's last drain). */
    public int queued() {
        return queued;
    }

    /** Intermediate values skipped by the per-topic rate. */
    public long coalesced() {
        return coalesced;
    }

    /** QoS 1 messages a standby holds for the active node. */
    public int shadowed() {
        return shadowed;
    }

    /** The uplink's own drop counts (outbox and shadow overflow, forgotten taken keys), zeros included. */
    public Map<String, Long> ownDrops() {
        Map<String, Long> drops = new HashMap<>();
        drops.put("overflow", overflow);
        drops.put("shadow_overflow", shadowOverflow);
        drops.put("taken_evicted", takenEvicted);
        return drops;
    }

    /** Leaves the mesh's election and stops the loop; the caller closes its link first (so a standby never overlaps). */
    @Override
    public void close() {
        node.removeListener(this);
        subscriptions.forEach(Subscription::close);
        Loops.stop(loop);
    }
}

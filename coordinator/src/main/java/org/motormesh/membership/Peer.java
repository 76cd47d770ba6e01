package org.motormesh.membership;

import java.net.InetSocketAddress;
import java.util.List;
import org.motormesh.mesh.PeerView;

/** What this node knows of one peer. Not thread safe: owned by the event loop, like the {@link PeerTable}. */
public final class Peer {
    /** Replay window size over frame sequence numbers (proto/FRAME.md). */
    public static final int REPLAY_WINDOW = 64;
    /** Duplicate filter size over QoS 1 message ids. */
    public static final int DEDUP_WINDOW = 4096;

    private final String nodeId;
    private InetSocketAddress address;
    private String name = "";
    private String role = "node";
    private List<String> subscriptions = List.of();
    private String channel = "";
    private int priority;
    private long bootEpoch;
    private long lastHeardMs;
    private long lastTheirSentUs;
    private long lastTheirSentHeardUs;
    private int beaconMs;
    private boolean dnssd;
    private boolean heardOnScout;
    private boolean publishesToUs;
    private boolean subscribedToUs;
    private boolean watched;
    private long lastSentMs;
    private long nextProbeMs;
    private int keepAlives;
    private final SlidingWindow replay = new SlidingWindow(REPLAY_WINDOW);
    private final SlidingWindow scoutReplay = new SlidingWindow(REPLAY_WINDOW);
    private final SlidingWindow delivered = new SlidingWindow(DEDUP_WINDOW);
    private final RttEstimator rtt = new RttEstimator();

    public Peer(String nodeId, InetSocketAddress address, long bootEpoch) {
        this.nodeId = nodeId;
        this.address = address;
        this.bootEpoch = bootEpoch;
    }

    /** A restart of the peer: forget its windows, keep what it told us until its next Hello. */
    public void restart(long newEpoch) {
        bootEpoch = newEpoch;
        replay.reset();
        scoutReplay.reset();
        delivered.reset();
        publishesToUs = false;
    }

    /**
     * Back from departure in the same (or a newer) epoch: its windows stay, what it told us and our partnership with
     * it start over.
     */
    public void rejoin() {
        publishesToUs = false;
        subscribedToUs = false;
        heardOnScout = false;
        nextProbeMs = 0;
        keepAlives = 0;
    }

    public void onHello(InetSocketAddress from, String newName, String newRole, List<String> subs,
                        String newChannel, int newPriority) {
        address = from;
        name = newName;
        role = newRole;
        subscriptions = List.copyOf(subs);
        channel = newChannel;
        priority = newPriority;
    }

    /** What a Hello says of the peer's liveness and discovery: its beacon interval, whether it runs DNS-SD. */
    public void onAnnounced(int newBeaconMs, boolean runsDnssd, boolean viaScout) {
        beaconMs = newBeaconMs;
        dnssd = runsDnssd;
        heardOnScout |= viaScout;
    }

    /** It sent us data: a partner whose lease is short (proto/FRAME.md, "Liveness"). */
    public void markPublishesToUs() {
        publishesToUs = true;
    }

    /** Whether we publish a topic it subscribes to (so it gets keep-alives on a quiet flow). */
    public void setSubscribedToUs(boolean value) {
        subscribedToUs = value;
    }

    /** Counts a keep-alive sent to it; returns how many were sent before this one. */
    public int countKeepAlive() {
        return keepAlives++;
    }

    /**
     * Watched both ways like a data partner although no data flows (two bridges watching each other for
     * failover).
     */
    public void setWatched(boolean value) {
        watched = value;
    }

    public boolean watched() {
        return watched;
    }

    /** A frame went to it now. */
    public void onSent(long nowMs) {
        lastSentMs = nowMs;
    }

    /** A probe went to it; the next one is not due before {@code nextMs}. */
    public void probeSent(long nextMs) {
        nextProbeMs = nextMs;
    }

    /** Any valid frame: renew the lease and remember its send time for our next heartbeat's echo. */
    public void onHeard(long nowMs, long theirSentUs, long nowUs) {
        lastHeardMs = nowMs;
        nextProbeMs = 0;
        lastTheirSentUs = theirSentUs;
        lastTheirSentHeardUs = nowUs;
    }

    /** True when any subscription prefix of the peer matches the topic. */
    public boolean subscribesTo(String topic) {
        for (String prefix : subscriptions) {
            if (topic.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    public PeerView view() {
        return new PeerView(nodeId, name, role, address.getAddress().getHostAddress(), address.getPort(),
                subscriptions, channel, priority, bootEpoch, rtt.smoothedMicros(), rtt.lastMicros(), rtt.samples(),
                dnssd);
    }

    public String nodeId() {
        return nodeId;
    }

    public InetSocketAddress address() {
        return address;
    }

    public String name() {
        return name;
    }

    public long bootEpoch() {
        return bootEpoch;
    }

    public long lastHeardMs() {
        return lastHeardMs;
    }

    public long lastTheirSentUs() {
        return lastTheirSentUs;
    }

    public long lastTheirSentHeardUs() {
        return lastTheirSentHeardUs;
    }

    public SlidingWindow replayWindow() {
        return replay;
    }

    /** The replay window of frames that came to the scout socket (a series of their own). */
    public SlidingWindow scoutWindow() {
        return scoutReplay;
    }

    public List<String> subscriptions() {
        return subscriptions;
    }

    public int beaconMs() {
        return beaconMs;
    }

    public boolean heardOnScout() {
        return heardOnScout;
    }

    public boolean publishesToUs() {
        return publishesToUs;
    }

    public boolean subscribedToUs() {
        return subscribedToUs;
    }

    public long lastSentMs() {
        return lastSentMs;
    }

    public long nextProbeMs() {
        return nextProbeMs;
    }

    public SlidingWindow deliveredIds() {
        return delivered;
    }

    public RttEstimator rtt() {
        return rtt;
    }
}

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
    /** The send times an unverified peer may echo to prove it receives at its address. */
    private static final int RECENT_SENDS = 16;
    /** What an unverified peer may have sent us in all, as far as its byte budget goes. */
    private static final long MAX_CREDIT = 64 * 1024;
    /**
     * A Hello sent this much before the last one taken (by the sender's clock) is stale: its mesh and scout sockets
     * can hand us two Hellos out of order. A larger step back is the sender's clock wrapping (a board's ticks).
     */
    public static final long STALE_HELLO_US = 60_000_000;

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
    private boolean verified;
    /** Frames that did not fit an unverified peer's budget, sent when it proves its address. */
    private java.util.ArrayDeque<byte[]> heldBack;
    private static final int MAX_HELD_BACK = 16;
    private long verifyProbeDueMs;
    private long helloSentUs;
    private boolean helloTaken;
    private long credit;
    private final long[] recentSentUs = new long[RECENT_SENDS];
    private int recentIndex;
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
        helloTaken = false;
    }

    /**
     * Back from departure in the same (or a newer) epoch: its windows stay, what it told us and our partnership with
     * it start over.
     */
    public void rejoin() {
        verified = false;
        credit = 0;
        publishesToUs = false;
        subscribedToUs = false;
        heardOnScout = false;
        nextProbeMs = 0;
        keepAlives = 0;
    }

    /**
     * Whether the peer proved it receives at its address (it echoed the send time of a frame we sent it there, or
     * answered at an address we contacted first). Until then it may be a spoofed source: what we send it is limited
     * to what it sent us (proto/FRAME.md, "Strangers").
     */
    public boolean verified() {
        return verified;
    }

    public void verify() {
        verified = true;
    }

    /** Keeps a frame that did not fit its budget; false when already {@value #MAX_HELD_BACK} are kept. */
    public boolean holdBack(byte[] datagram) {
        if (heldBack == null) {
            heldBack = new java.util.ArrayDeque<>();
        }
        if (heldBack.size() >= MAX_HELD_BACK) {
            return false;
        }
        heldBack.add(datagram);
        return true;
    }

    /** Whether frames wait for it to prove its address. */
    public boolean hasHeldBack() {
        return heldBack != null && !heldBack.isEmpty();
    }

    /** The frames held back for it, oldest first, now forgotten. */
    public List<byte[]> takeHeldBack() {
        if (heldBack == null) {
            return List.of();
        }
        List<byte[]> all = List.copyOf(heldBack);
        heldBack = null;
        return all;
    }

    /** When the next probe asking it to prove its address may go. */
    public long verifyProbeDueMs() {
        return verifyProbeDueMs;
    }

    public void setVerifyProbeDueMs(long ms) {
        verifyProbeDueMs = ms;
    }

    /** A datagram of {@code bytes} came from it: that much more may go back while it is unverified. */
    public void credit(int bytes) {
        credit = Math.min(MAX_CREDIT, credit + bytes);
    }

    /** Spends {@code bytes} of an unverified peer's budget; false (nothing spent) when they do not fit. */
    public boolean spend(int bytes) {
        if (verified) {
            return true;
        }
        if (bytes > credit) {
            return false;
        }
        credit -= bytes;
        return true;
    }

    /** A unicast frame with this send time went to it. */
    public void noteSent(long sentUs) {
        recentSentUs[recentIndex] = sentUs;
        recentIndex = (recentIndex + 1) % RECENT_SENDS;
    }

    /** True when {@code echoUs} is the send time of one of the last frames we sent it. */
    public boolean echoes(long echoUs) {
        if (echoUs == 0) {
            return false;
        }
        for (long sent : recentSentUs) {
            if (sent == echoUs) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a Hello sent at {@code sentUs} (its frame's sent_time_us) says where the peer stands now; false for
     * one older than a Hello already taken in this epoch, whose subscriptions and priority are out of date.
     */
    public boolean takesHello(long sentUs) {
        long older = helloSentUs - sentUs;
        if (helloTaken && older > 0 && older <= STALE_HELLO_US) {
            return false;
        }
        helloSentUs = sentUs;
        helloTaken = true;
        return true;
    }

    public void onHello(InetSocketAddress from, String newName, String newRole, List<String> subs,
                        String newChannel, int newPriority) {
        if (!from.equals(address)) {
            verified = false; // a new address must be proved again
        }
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

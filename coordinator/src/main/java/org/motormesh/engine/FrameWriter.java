package org.motormesh.engine;

import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.motormesh.membership.Peer;
import com.google.protobuf.ByteString;
import org.motormesh.proto.FrameEncoder;
import org.motormesh.proto.FrameFormat;
import org.motormesh.proto.v1.Frame;

/**
 * Wraps bodies in the frame envelope (sender, epoch, per-destination sequence, send time, the receiver's id),
 * encodes and sends. The sequence table is bounded: past {@link #MAX_DESTINATIONS} the least recently used series
 * is evicted (counted), and every new series starts above the highest number an evicted one reached, so a series
 * that comes back never goes back and no live peer's replay window is ever reset. Not thread safe: owned by the
 * event loop.
 */
final class FrameWriter {
    static final int MAX_DESTINATIONS = 4096;
    private final String senderId;
    private final long bootEpoch;
    private final FrameEncoder encoder;
    private final DatagramSink output;
    private final Counters counters;
    private final Map<InetSocketAddress, long[]> nextSeq = new LinkedHashMap<>(64, 0.75f, true);
    private long floor;
    private final Consumer<Peer> heldBack;
    private final long[] recentScoutUs = new long[4];
    private int recentScoutIndex;

    FrameWriter(String senderId, long bootEpoch, FrameEncoder encoder, DatagramSink output, Counters counters,
                Consumer<Peer> heldBack) {
        this.heldBack = heldBack;
        this.senderId = senderId;
        this.bootEpoch = bootEpoch;
        this.encoder = encoder;
        this.output = output;
        this.counters = counters;
    }

    /**
     * Fills in the envelope of {@code body} (a builder with its body set) and sends it to {@code to}, addressed to
     * node {@code destId} ("" only for a first-contact Hello to an address whose id is unknown).
     */
    void send(InetSocketAddress to, String destId, Frame.Builder body, long nowUs) {
        emit(to, encode(to, destId, body, nowUs));
    }

    /**
     * A first-contact Hello to an address whose node is not known, padded to a whole frame: the answer of a node that
     * cannot yet verify us is limited to what we sent (proto/FRAME.md, "Strangers").
     */
    void sendPadded(InetSocketAddress to, Frame.Builder body, long nowUs) {
        byte[] datagram = encode(to, "", body, nowUs);
        Frame unpadded = body.build();
        int room = FrameFormat.MAX_BODY_SIZE - unpadded.getSerializedSize();
        // field tag (1 byte) and length (up to 2 bytes) come out of the room too
        int zeros = room - 2 < 128 ? room - 2 : room - 3;
        if (zeros > 0) {
            datagram = encoder.encode(body.setPadding(ByteString.copyFrom(new byte[zeros])).build());
        }
        emit(to, datagram);
    }

    /**
     * As {@link #send(InetSocketAddress, String, Frame.Builder, long)} to a peer, noting when it last got a frame.
     * To a peer not yet verified, only as many bytes go as it sent us: a frame that does not fit is not sent
     * (counted as {@code reply_capped}) and false returned, so a spoofed source is never sent more than it sent.
     */
    boolean send(Peer peer, Frame.Builder body, long nowUs) {
        byte[] datagram = encode(peer.address(), peer.nodeId(), body, nowUs);
        if (!peer.spend(datagram.length)) {
            // held until it proves its address (then sent in order), or dropped and counted when too many wait
            if (!peer.holdBack(datagram)) {
                counters.replyCapped.increment();
                nextSeq.get(peer.address())[0]--; // never sent: its number goes to the next frame, no gap
            }
            heldBack.accept(peer);
            return false;
        }
        emit(peer.address(), datagram);
        peer.onSent(nowUs / 1000);
        peer.noteSent(nowUs);
        return true;
    }

    /**
     * Sends one scout frame to the group and, when {@code broadcastOrNull} is set, the same bytes to the subnet
     * broadcast: one sequence series, the group's, and no destination id (proto/FRAME.md, "Discovery").
     */
    void sendScout(Frame.Builder body, InetSocketAddress group, InetSocketAddress broadcastOrNull, long nowUs) {
        byte[] datagram = encode(group, "", body, nowUs);
        recentScoutUs[recentScoutIndex] = nowUs;
        recentScoutIndex = (recentScoutIndex + 1) % recentScoutUs.length;
        emit(group, datagram);
        if (broadcastOrNull != null) {
            emit(broadcastOrNull, datagram);
        }
    }

    /** Sends what was held back for a peer that has now proved its address. */
    void sendHeldBack(Peer peer) {
        for (byte[] datagram : peer.takeHeldBack()) {
            emit(peer.address(), datagram);
        }
    }

    /**
     * True when {@code echoUs} is the send time of one of our last scout frames: the sender heard us on the group
     * (anyone on the link may have; weaker than an echo of a unicast frame, see proto/FRAME.md "Strangers").
     */
    boolean echoesScout(long echoUs) {
        if (echoUs == 0) {
            return false;
        }
        for (long sent : recentScoutUs) {
            if (sent == echoUs) {
                return true;
            }
        }
        return false;
    }

    /** Whether a unicast frame went to {@code address} in this epoch (and its series is still remembered). */
    boolean hasSentTo(InetSocketAddress address) {
        return nextSeq.containsKey(address);
    }

    private byte[] encode(InetSocketAddress to, String destId, Frame.Builder body, long nowUs) {
        long[] seq = nextSeq.get(to);
        if (seq == null) {
            if (nextSeq.size() >= MAX_DESTINATIONS) {
                Iterator<long[]> eldest = nextSeq.values().iterator();
                floor = Math.max(floor, eldest.next()[0]);
                eldest.remove();
                counters.seqEvicted.increment();
            }
            seq = new long[] {floor};
            nextSeq.put(to, seq);
        }
        Frame frame = body.setSenderId(senderId).setBootEpoch(bootEpoch).setSeq(++seq[0]).setSentTimeUs(nowUs)
                .setDestId(destId).build();
        return encoder.encode(frame);
    }

    private void emit(InetSocketAddress to, byte[] datagram) {
        output.send(to, datagram);
        counters.sent.increment();
        counters.sentBytes.add(datagram.length);
    }
}

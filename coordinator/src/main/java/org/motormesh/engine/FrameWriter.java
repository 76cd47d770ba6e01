package org.motormesh.engine;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.motormesh.membership.Peer;
import org.motormesh.proto.FrameEncoder;
import org.motormesh.proto.v1.Frame;

/**
 * Wraps bodies in the frame envelope (sender, epoch, per-destination sequence, send time), encodes and sends.
 * Not thread safe: owned by the event loop.
 */
final class FrameWriter {
    private static final int MAX_DESTINATIONS = 4096;
    private final String senderId;
    private final long bootEpoch;
    private final FrameEncoder encoder;
    private final DatagramSink output;
    private final Counters counters;
    private final Map<InetSocketAddress, long[]> nextSeq = new HashMap<>();

    FrameWriter(String senderId, long bootEpoch, FrameEncoder encoder, DatagramSink output, Counters counters) {
        this.senderId = senderId;
        this.bootEpoch = bootEpoch;
        this.encoder = encoder;
        this.output = output;
        this.counters = counters;
    }

    /** Fills in the envelope of {@code body} (a builder with its body set) and sends it to {@code to}. */
    void send(InetSocketAddress to, Frame.Builder body, long nowUs) {
        emit(to, encode(to, body, nowUs));
    }

    /** As {@link #send(InetSocketAddress, Frame.Builder, long)} to a peer, noting when it last got a frame. */
    void send(Peer peer, Frame.Builder body, long nowUs) {
        send(peer.address(), body, nowUs);
        peer.onSent(nowUs / 1000);
    }

    /**
     * Sends one scout frame to the group and, when {@code broadcastOrNull} is set, the same bytes to the subnet
     * broadcast: one sequence series, the group's (proto/FRAME.md, "Discovery").
     */
    void sendScout(Frame.Builder body, InetSocketAddress group, InetSocketAddress broadcastOrNull, long nowUs) {
        byte[] datagram = encode(group, body, nowUs);
        emit(group, datagram);
        if (broadcastOrNull != null) {
            emit(broadcastOrNull, datagram);
        }
    }

    private byte[] encode(InetSocketAddress to, Frame.Builder body, long nowUs) {
        if (nextSeq.size() >= MAX_DESTINATIONS && !nextSeq.containsKey(to)) {
            nextSeq.clear();
        }
        long[] seq = nextSeq.computeIfAbsent(to, a -> new long[1]);
        Frame frame = body.setSenderId(senderId).setBootEpoch(bootEpoch).setSeq(++seq[0]).setSentTimeUs(nowUs).build();
        return encoder.encode(frame);
    }

    private void emit(InetSocketAddress to, byte[] datagram) {
        output.send(to, datagram);
        counters.sent.increment();
        counters.sentBytes.add(datagram.length);
    }
}

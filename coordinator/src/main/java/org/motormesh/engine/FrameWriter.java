package org.motormesh.engine;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
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
        if (nextSeq.size() >= MAX_DESTINATIONS && !nextSeq.containsKey(to)) {
            nextSeq.clear();
        }
        long[] seq = nextSeq.computeIfAbsent(to, a -> new long[1]);
        Frame frame = body.setSenderId(senderId).setBootEpoch(bootEpoch).setSeq(++seq[0]).setSentTimeUs(nowUs).build();
        output.send(to, encoder.encode(frame));
        counters.sent.increment();
    }
}

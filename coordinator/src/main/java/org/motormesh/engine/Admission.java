package org.motormesh.engine;

import org.motormesh.membership.Peer;
import org.motormesh.proto.DropReason;
import org.motormesh.proto.FrameDecoder;
import org.motormesh.proto.FrameRejectedException;
import org.motormesh.proto.v1.Frame;

/**
 * The inbound checks of proto/FRAME.md in order: size, header, tag, body, own echo, destination, epoch and replay
 * window. The window moves only for frames that passed every other check. Not thread safe: owned by the event loop.
 */
final class Admission {
    /** Outcome for a frame from a known peer whose epoch rose: the caller treats it as a restart. */
    enum Verdict { ACCEPT, ACCEPT_RESTARTED, DROP }

    private final String ownId;
    private final FrameDecoder decoder;
    private final Counters counters;

    Admission(String ownId, FrameDecoder decoder, Counters counters) {
        this.ownId = ownId;
        this.decoder = decoder;
        this.counters = counters;
    }

    /**
     * Decodes a datagram, or returns null after counting the drop. A frame must be addressed to this node: one naming
     * another node, or a unicast frame other than Hello naming none, was captured on its way elsewhere.
     */
    Frame decode(byte[] data, int length, boolean viaScout) {
        try {
            Frame frame = decoder.decode(data, 0, length);
            if (frame.getSenderId().equals(ownId)) {
                counters.drop(DropReason.OWN_FRAME);
                return null;
            }
            String dest = frame.getDestId();
            if (dest.isEmpty() ? !viaScout && !frame.hasHello() : !dest.equals(ownId)) {
                counters.drop(DropReason.MISDIRECTED);
                return null;
            }
            return frame;
        } catch (FrameRejectedException e) {
            counters.drop(e.reason());
            return null;
        }
    }

    /**
     * Epoch and replay checks against a known peer; moves its window on acceptance. Frames that came to the scout
     * socket are a sequence series of their own, with a window of their own.
     */
    Verdict admit(Peer peer, Frame frame, boolean viaScout) {
        return admit(peer, frame.getBootEpoch(), frame.getSeq(), viaScout);
    }

    /** The same checks against the windows a departed peer left (its epoch and windows, not yet a live peer). */
    Verdict admit(Peer peer, long epoch, long seq, boolean viaScout) {
        if (epoch < peer.bootEpoch()) {
            counters.drop(DropReason.STALE_EPOCH);
            return Verdict.DROP;
        }
        Verdict verdict = Verdict.ACCEPT;
        if (epoch > peer.bootEpoch()) {
            peer.restart(epoch);
            verdict = Verdict.ACCEPT_RESTARTED;
        }
        if (!(viaScout ? peer.scoutWindow() : peer.replayWindow()).accept(seq)) {
            counters.drop(DropReason.REPLAYED);
            return Verdict.DROP;
        }
        return verdict;
    }
}

package org.motormesh.proto;

/** Thrown by {@link FrameDecoder} for a datagram that must be dropped; cheap (no stack trace). */
public final class FrameRejectedException extends Exception {
    private final DropReason reason;

    public FrameRejectedException(DropReason reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public DropReason reason() {
        return reason;
    }
}

package org.motormesh.proto;

/** A frame to send would exceed {@link FrameFormat#MAX_FRAME_SIZE}: the caller must shorten its message. */
public final class FrameTooLargeException extends IllegalArgumentException {
    public FrameTooLargeException(int size) {
        super("frame of " + size + " bytes exceeds the " + FrameFormat.MAX_FRAME_SIZE
                + "-byte limit (shorten the topic or value)");
    }
}

package org.motormesh.proto;

import com.google.protobuf.CodedInputStream;
import java.io.IOException;
import org.motormesh.proto.v1.Frame;

/**
 * Checks one datagram and parses its body. Size, header and tag are checked before protobuf sees a byte,
 * and protobuf parses from the bounded array, so a forged length cannot cause a large allocation.
 * Not thread safe when verifying tags: one decoder per owning thread.
 */
public final class FrameDecoder {
    private final FrameAuthenticator authenticator;

    /** @param authenticator verifies every frame's tag, or null when no group key is configured */
    public FrameDecoder(FrameAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    public Frame decode(byte[] data) throws FrameRejectedException {
        return decode(data, 0, data.length);
    }

    public Frame decode(byte[] data, int offset, int length) throws FrameRejectedException {
        if (length > FrameFormat.MAX_FRAME_SIZE) {
            throw new FrameRejectedException(DropReason.OVERSIZED, length + " bytes");
        }
        if (length < FrameFormat.HEADER_SIZE) {
            throw new FrameRejectedException(DropReason.TRUNCATED, length + " bytes, header needs 4");
        }
        if (data[offset] != FrameFormat.MAGIC_0 || data[offset + 1] != FrameFormat.MAGIC_1) {
            throw new FrameRejectedException(DropReason.BAD_MAGIC, "not a motormesh frame");
        }
        if (data[offset + 2] != FrameFormat.VERSION) {
            throw new FrameRejectedException(DropReason.BAD_VERSION, "version " + (data[offset + 2] & 0xff));
        }
        int flags = data[offset + 3] & 0xff;
        if ((flags & ~FrameFormat.KNOWN_FLAGS) != 0) {
            throw new FrameRejectedException(DropReason.BAD_FLAGS, "flags 0x" + Integer.toHexString(flags));
        }
        int bodyLength = length - FrameFormat.HEADER_SIZE;
        if ((flags & FrameFormat.FLAG_SIGNED) != 0) {
            bodyLength = checkTag(data, offset, length);
        } else if (authenticator != null) {
            throw new FrameRejectedException(DropReason.UNSIGNED, "group key configured, frame has no tag");
        }
        return parseBody(data, offset + FrameFormat.HEADER_SIZE, bodyLength);
    }

    private int checkTag(byte[] data, int offset, int length) throws FrameRejectedException {
        if (authenticator == null) {
            throw new FrameRejectedException(DropReason.UNEXPECTED_TAG, "signed frame, no group key configured");
        }
        int signedLength = length - FrameFormat.TAG_SIZE;
        if (signedLength < FrameFormat.HEADER_SIZE) {
            throw new FrameRejectedException(DropReason.TRUNCATED, length + " bytes, signed frame needs 20");
        }
        if (!authenticator.verify(data, offset, signedLength, data, offset + signedLength)) {
            throw new FrameRejectedException(DropReason.BAD_TAG, "tag does not match the group key");
        }
        return signedLength - FrameFormat.HEADER_SIZE;
    }

    private static Frame parseBody(byte[] data, int offset, int length) throws FrameRejectedException {
        Frame frame;
        try {
            CodedInputStream in = CodedInputStream.newInstance(data, offset, length);
            in.setRecursionLimit(8);
            frame = Frame.parseFrom(in);
        } catch (IOException e) {
            throw new FrameRejectedException(DropReason.UNPARSEABLE, String.valueOf(e.getMessage()));
        }
        if (frame.getSenderId().isEmpty() || frame.getSeq() == 0 || frame.getBodyCase() == Frame.BodyCase.BODY_NOT_SET) {
            throw new FrameRejectedException(DropReason.INCOMPLETE, "sender, seq and body are required");
        }
        return frame;
    }
}

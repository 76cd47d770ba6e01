package org.motormesh.proto;

import com.google.protobuf.CodedOutputStream;
import java.io.IOException;
import org.motormesh.proto.v1.Frame;

/**
 * Turns a {@link Frame} into one datagram: header, body and, with a group key, the tag.
 * Not thread safe when signing (the authenticator is stateful): one encoder per owning thread.
 */
public final class FrameEncoder {
    private final FrameAuthenticator authenticator;

    /** @param authenticator signs every frame, or null for unsigned frames */
    public FrameEncoder(FrameAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    public boolean signs() {
        return authenticator != null;
    }

    /**
     * Encodes one frame.
     *
     * @throws FrameTooLargeException when the frame would exceed {@link FrameFormat#MAX_FRAME_SIZE}
     */
    public byte[] encode(Frame frame) {
        int bodySize = frame.getSerializedSize();
        int tagSize = authenticator == null ? 0 : FrameFormat.TAG_SIZE;
        int total = FrameFormat.HEADER_SIZE + bodySize + tagSize;
        if (total > FrameFormat.MAX_FRAME_SIZE) {
            throw new FrameTooLargeException(total);
        }
        byte[] out = new byte[total];
        out[0] = FrameFormat.MAGIC_0;
        out[1] = FrameFormat.MAGIC_1;
        out[2] = FrameFormat.VERSION;
        out[3] = (byte) (authenticator == null ? 0 : FrameFormat.FLAG_SIGNED);
        CodedOutputStream body = CodedOutputStream.newInstance(out, FrameFormat.HEADER_SIZE, bodySize);
        try {
            frame.writeTo(body);
        } catch (IOException e) {
            throw new IllegalStateException("protobuf wrote past its computed size", e);
        }
        if (authenticator != null) {
            int signed = FrameFormat.HEADER_SIZE + bodySize;
            authenticator.sign(out, 0, signed, out, signed);
        }
        return out;
    }
}

package org.motormesh.bridge.link;

import java.nio.ByteBuffer;

/**
 * Follows WebSocket frame headers through a byte stream and reports a frame whose mask bit is wrong for
 * the direction: RFC 6455 requires clients to refuse masked frames from a server (and servers to refuse
 * unmasked ones). Headers may be split across reads. Reads without consuming. Not thread safe: one per
 * connection, used by its read thread.
 */
public final class FrameMaskGuard {
    private final boolean expectMasked;
    private final byte[] header = new byte[14];
    private int headerBytes;
    private long payloadLeft;

    /** A guard for frames that must ({@code true}, server side) or must not (client side) be masked. */
    public FrameMaskGuard(boolean expectMasked) {
        this.expectMasked = expectMasked;
    }

    /** Scans the remaining bytes of {@code chunk}; false as soon as a frame header has the wrong mask bit. */
    public boolean accept(ByteBuffer chunk) {
        ByteBuffer bytes = chunk.duplicate();
        while (bytes.hasRemaining()) {
            if (payloadLeft > 0) {
                int skip = (int) Math.min(payloadLeft, bytes.remaining());
                bytes.position(bytes.position() + skip);
                payloadLeft -= skip;
                continue;
            }
            header[headerBytes++] = bytes.get();
            if (headerBytes == 2 && masked() != expectMasked) {
                return false;
            }
            if (headerBytes >= 2 && headerBytes == headerLength()) {
                payloadLeft = payloadLength();
                headerBytes = 0;
            }
        }
        return true;
    }

    private boolean masked() {
        return (header[1] & 0x80) != 0;
    }

    private int headerLength() {
        int len7 = header[1] & 0x7f;
        int extended = len7 == 126 ? 2 : len7 == 127 ? 8 : 0;
        return 2 + extended + (masked() ? 4 : 0);
    }

    private long payloadLength() {
        int len7 = header[1] & 0x7f;
        if (len7 < 126) {
            return len7;
        }
        int n = len7 == 126 ? 2 : 8;
        long length = 0;
        for (int i = 0; i < n; i++) {
            length = (length << 8) | (header[2 + i] & 0xff);
        }
        return length < 0 ? Long.MAX_VALUE : length;
    }
}

package org.motormesh.bridge.link;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class FrameMaskGuardTest {
    static byte[] frame(int payloadLength, boolean masked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x81);
        int mask = masked ? 0x80 : 0;
        if (payloadLength < 126) {
            out.write(mask | payloadLength);
        } else if (payloadLength < 65536) {
            out.write(mask | 126);
            out.write(payloadLength >> 8);
            out.write(payloadLength);
        } else {
            out.write(mask | 127);
            for (int i = 7; i >= 0; i--) {
                out.write((int) ((long) payloadLength >> (8 * i)));
            }
        }
        if (masked) {
            out.writeBytes(new byte[] {1, 2, 3, 4});
        }
        out.writeBytes(new byte[payloadLength]);
        return out.toByteArray();
    }

    private static boolean feedByteByByte(FrameMaskGuard guard, byte[] bytes) {
        for (byte b : bytes) {
            if (!guard.accept(ByteBuffer.wrap(new byte[] {b}))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void shouldAcceptUnmaskedServerFramesOfEveryLengthForm() {
        FrameMaskGuard guard = new FrameMaskGuard(false);
        assertTrue(guard.accept(ByteBuffer.wrap(frame(5, false))));
        assertTrue(feedByteByByte(guard, frame(300, false)));
        assertTrue(guard.accept(ByteBuffer.wrap(frame(70_000, false))));
        assertTrue(feedByteByByte(guard, frame(0, false)));
    }

    @Test
    void shouldRefuseMaskedFrameFromServerEvenAfterGoodOnes() {
        FrameMaskGuard guard = new FrameMaskGuard(false);
        assertTrue(guard.accept(ByteBuffer.wrap(frame(200, false))));
        assertFalse(feedByteByByte(guard, frame(3, true)));
    }

    @Test
    void shouldRefuseUnmaskedFrameOnServerSide() {
        assertTrue(new FrameMaskGuard(true).accept(ByteBuffer.wrap(frame(10, true))));
        assertFalse(new FrameMaskGuard(true).accept(ByteBuffer.wrap(frame(10, false))));
    }

    @Test
    void shouldNotConsumeTheBuffer() {
        ByteBuffer b = ByteBuffer.wrap(frame(10, false));
        new FrameMaskGuard(false).accept(b);
        assertTrue(b.position() == 0);
    }
}

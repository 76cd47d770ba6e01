package org.motormesh.bridge.link;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.motormesh.bridge.RawWsServer;

class FrameMaskGuardTest {
    private static byte[] frame(int payloadLength, boolean masked) {
        return RawWsServer.text("x".repeat(payloadLength), masked);
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

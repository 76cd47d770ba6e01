package org.motormesh.proto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.motormesh.proto.v1.Frame;

/** Hostile input: garbage, truncation, bit flips and forged lengths only ever end in a counted reason. */
class FrameDecoderFuzzTest {
    private static final List<GoldenVectors.Vector> GOOD = GoldenVectors.all().stream()
            .filter(GoldenVectors.Vector::accepted).toList();

    @Test
    void shouldRejectRandomBytesWithAReasonNeverAnotherException() {
        Random random = new Random(42);
        FrameDecoder open = new FrameDecoder(null);
        FrameDecoder keyed = new FrameDecoder(new FrameAuthenticator(GoldenVectors.GROUP_KEY));
        for (int i = 0; i < 50_000; i++) {
            byte[] junk = new byte[random.nextInt(1400)];
            random.nextBytes(junk);
            if (random.nextBoolean() && junk.length >= 4) {
                junk[0] = 'M';
                junk[1] = 'M';
                junk[2] = 1;
                junk[3] = (byte) random.nextInt(2);
            }
            decodeOrReason(open, junk);
            decodeOrReason(keyed, junk);
        }
    }

    @Test
    void shouldNeverAcceptAFlippedBitInASignedFrame() {
        Random random = new Random(7);
        FrameDecoder keyed = new FrameDecoder(new FrameAuthenticator(GoldenVectors.GROUP_KEY));
        for (GoldenVectors.Vector v : GOOD) {
            if (!v.signed()) {
                continue;
            }
            byte[] good = v.datagram();
            for (int i = 0; i < 2_000; i++) {
                byte[] bad = good.clone();
                int at = random.nextInt(bad.length);
                bad[at] ^= (byte) (1 << random.nextInt(8));
                FrameRejectedException e = assertThrows(FrameRejectedException.class, () -> keyed.decode(bad));
                if (at >= 4) {
                    assertEquals(DropReason.BAD_TAG, e.reason(), v.name() + " byte " + at);
                }
            }
        }
    }

    @Test
    void shouldRejectEveryTruncationOfEveryVector() {
        for (GoldenVectors.Vector v : GOOD) {
            byte[] good = v.datagram();
            FrameDecoder decoder = new FrameDecoder(v.signed() ? new FrameAuthenticator(GoldenVectors.GROUP_KEY) : null);
            for (int n = 0; n < good.length; n++) {
                byte[] cut = Arrays.copyOf(good, n);
                try {
                    Frame frame = decoder.decode(cut);
                    // protobuf may parse a prefix that ends on a field boundary: it must then differ from the whole
                    assertEquals(false, frame.equals(v.frame()), v.name() + " cut to " + n + " decoded as whole");
                } catch (FrameRejectedException expected) {
                    // counted drop
                }
            }
        }
    }

    @Test
    void shouldNotAllocateForAForgedLength() {
        // a length-delimited field claiming 2 GiB inside a small datagram
        byte[] forged = {'M', 'M', 1, 0, 0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07, 'x'};
        FrameRejectedException e = assertThrows(FrameRejectedException.class, () -> new FrameDecoder(null).decode(forged));
        assertEquals(DropReason.UNPARSEABLE, e.reason());
    }

    @Test
    void shouldRoundTripEveryGoodVector() throws FrameRejectedException {
        for (GoldenVectors.Vector v : GOOD) {
            FrameAuthenticator key = v.signed() ? new FrameAuthenticator(GoldenVectors.GROUP_KEY) : null;
            byte[] bytes = new FrameEncoder(key).encode(new FrameDecoder(key).decode(v.datagram()));
            assertArrayEquals(v.datagram(), bytes, v.name());
        }
    }

    @Test
    void shouldRefuseToEncodeAFrameOverTheLimit() {
        Frame big = Frame.newBuilder().setSenderId("ab").setSeq(1).setPublish(org.motormesh.proto.v1.Publish
                .newBuilder().setTopic("x".repeat(1300))).build();
        assertThrows(FrameTooLargeException.class, () -> new FrameEncoder(null).encode(big));
    }

    private static void decodeOrReason(FrameDecoder decoder, byte[] data) {
        try {
            decoder.decode(data);
        } catch (FrameRejectedException e) {
            if (e.reason() == null) {
                throw new AssertionError("reject without a reason");
            }
        }
    }
}

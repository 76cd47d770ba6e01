package org.motormesh.proto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.motormesh.proto.v1.Frame;

/** The checked-in vectors are what the Java codec produces, and decode back to what they describe. */
class GoldenVectorsTest {
    private static final Path DIR = Path.of("golden");

    @TestFactory
    Stream<DynamicTest> shouldMatchCheckedInVectorsByteForByte() {
        return GoldenVectors.all().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            assertArrayEquals(v.datagram(), Files.readAllBytes(DIR.resolve(v.name() + ".bin")),
                    v.name() + ".bin is stale: run ./mvnw -q -pl proto test-compile exec:java");
            assertEquals(GoldenVectors.describe(v),
                    Files.readString(DIR.resolve(v.name() + ".json"), StandardCharsets.UTF_8));
        }));
    }

    @TestFactory
    Stream<DynamicTest> shouldDecodeAcceptedAndRejectCorruptedVectors() {
        return GoldenVectors.all().stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            byte[] bytes = Files.readAllBytes(DIR.resolve(v.name() + ".bin"));
            FrameDecoder decoder = new FrameDecoder(GoldenVectors.receiverHasKey(v)
                    ? new FrameAuthenticator(GoldenVectors.GROUP_KEY) : null);
            if (v.accepted()) {
                Frame decoded = decoder.decode(bytes);
                assertEquals(v.frame(), decoded);
                assertArrayEquals(bytes, new FrameEncoder(v.signed()
                        ? new FrameAuthenticator(GoldenVectors.GROUP_KEY) : null).encode(decoded));
            } else {
                FrameRejectedException e = assertThrows(FrameRejectedException.class, () -> decoder.decode(bytes));
                assertEquals(v.reason(), e.reason());
            }
        }));
    }

    @Test
    void shouldCoverEveryMessageKindSignedAndUnsigned() throws IOException {
        List<String> names;
        try (Stream<Path> files = Files.list(DIR)) {
            names = files.map(p -> p.getFileName().toString()).toList();
        }
        for (String kind : new String[] {"hello", "heartbeat", "publish_integer", "publish_acked", "ack", "bye"}) {
            assertTrue(names.contains(kind + ".bin"), kind);
            assertTrue(names.contains(kind + "_signed.bin"), kind + "_signed");
        }
    }
}

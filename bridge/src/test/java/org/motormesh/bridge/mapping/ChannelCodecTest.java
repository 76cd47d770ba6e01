package org.motormesh.bridge.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.motormesh.proto.v1.Value;

class ChannelCodecTest {
    private final ChannelCodec codec = new ChannelCodec();

    @Test
    void shouldReadWelcome() {
        ChannelFrame f = codec.decode("{\"type\":\"welcome\",\"client_id\":\"a1b2\",\"extra\":[1]}");
        assertEquals(ChannelFrame.Kind.WELCOME, f.kind());
        assertEquals("a1b2", f.clientId());
    }

    @Test
    void shouldReadWrappedDataWithPayloadString() {
        ChannelFrame f = codec.decode(
                "{\"type\":\"data\",\"client_id\":\"a1b2\",\"payload\":\"{\\\"topic\\\":\\\"/controller/data\\\",\\\"value\\\":42}\"}");
        assertEquals(ChannelFrame.Kind.MESSAGE, f.kind());
        assertEquals("a1b2", f.clientId());
        assertEquals("/controller/data", f.topic());
        assertEquals(42, f.value().getInteger());
        assertEquals("{\"topic\":\"/controller/data\",\"value\":42}", f.payload());
    }

    @Test
    void shouldReadBareMessageAndWrappedFormWithoutClientId() {
        assertEquals("/LEGO", codec.decode("{\"topic\": \"/LEGO\", \"value\": \"[1, 2]\"}").topic());
        ChannelFrame f = codec.decode("{\"type\": \"data\", \"payload\": \"{\\\"topic\\\": \\\"/LEGO\\\", \\\"value\\\": \\\"[...]\\\"}\"}");
        assertEquals("/LEGO", f.topic());
        assertEquals("[...]", f.value().getText());
        assertEquals("", f.clientId());
    }

    @Test
    void shouldWriteExactProtocolShapes() {
        assertEquals("{\"topic\":\"/controller/data\",\"value\":90}",
                codec.encodeMessage("/controller/data", Value.newBuilder().setInteger(90).build()));
        assertEquals("{\"type\":\"welcome\",\"client_id\":\"c3d4\"}", codec.encodeWelcome("c3d4"));
        assertEquals("{\"type\":\"data\",\"client_id\":\"a1b2\",\"payload\":\"{\\\"topic\\\":\\\"/x\\\",\\\"value\\\":42}\"}",
                codec.encodeData("a1b2", "{\"topic\":\"/x\",\"value\":42}"));
    }

    @Test
    void shouldDropHostileFramesWithReasons() {
        assertEquals(ChannelDrop.MALFORMED, codec.decode("not json").drop());
        assertEquals(ChannelDrop.MALFORMED, codec.decode("{\"topic\":\"/a\"} trailing").drop());
        assertEquals(ChannelDrop.MALFORMED, codec.decode("{\"topic\":\"/a\",").drop());
        assertEquals(ChannelDrop.NOT_OBJECT, codec.decode("[1,2,3]").drop());
        assertEquals(ChannelDrop.NOT_OBJECT, codec.decode("").drop());
        assertEquals(ChannelDrop.NO_TOPIC, codec.decode("{\"topic\":5,\"value\":1}").drop());
        assertEquals(ChannelDrop.NO_TOPIC, codec.decode("{\"value\":1}").drop());
        assertEquals(ChannelDrop.BAD_PAYLOAD, codec.decode("{\"type\":\"data\",\"payload\":17}").drop());
        assertEquals(ChannelDrop.BAD_PAYLOAD, codec.decode("{\"type\":\"data\",\"payload\":\"nope\"}").drop());
        assertEquals(ChannelDrop.UNKNOWN_TYPE, codec.decode("{\"type\":\"presence\"}").drop());
        assertEquals(ChannelDrop.TOO_LARGE, codec.decode("\"" + "x".repeat(1_000_000) + "\"").drop());
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertEquals(ChannelDrop.MALFORMED, codec.decode("{\"topic\":\"/a\",\"value\":" + deep + "}").drop());
    }

    @Test
    void shouldSurviveRandomGarbage() {
        java.util.Random random = new java.util.Random(7);
        String alphabet = "{}[]\":,\\ tnulrfae0123456789.-+Ee/topicvaluetypedatapayload";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(60);
            for (int j = 0; j < n; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            ChannelFrame f = codec.decode(sb.toString());
            if (f.isMessage()) {
                assertNull(f.drop());
            }
        }
    }

    @Test
    void shouldUnwrapOneNestedDataFrameAndNoMore() {
        String clientSent = codec.encodeData("", "{\"topic\":\"/LEGO\",\"value\":7}")
                .replace(",\"client_id\":\"\"", "");
        ChannelFrame once = codec.decode(codec.encodeData("c3d4", clientSent));
        assertEquals(ChannelFrame.Kind.MESSAGE, once.kind(), "a wrapped client frame, wrapped again by the relay");
        assertEquals("c3d4", once.clientId());
        assertEquals("/LEGO", once.topic());
        assertEquals(7, once.value().getInteger());
        ChannelFrame twice = codec.decode(codec.encodeData("c3d4", codec.encodeData("x", clientSent)));
        assertEquals(ChannelFrame.Kind.DROPPED, twice.kind(), "two nested levels are not unwrapped");
        assertEquals(ChannelDrop.NO_TOPIC, twice.drop());
    }
}

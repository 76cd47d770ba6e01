package org.motormesh.bridge.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;
import org.motormesh.proto.v1.Value;

class ValueMapperTest {
    private final ChannelCodec codec = new ChannelCodec();
    private final ValueMapper mapper = codec.values();

    private Value down(String jsonValue) {
        return codec.decode("{\"topic\":\"/t\",\"value\":" + jsonValue + "}").value();
    }

    private String roundTrip(String jsonValue) {
        String frame = codec.encodeMessage("/t", down(jsonValue));
        return frame.substring("{\"topic\":\"/t\",\"value\":".length(), frame.length() - 1);
    }

    @Test
    void shouldKeepIntegersAsIntegers() {
        assertEquals(Value.KindCase.INTEGER, down("90").getKindCase());
        assertEquals(-9_223_372_036_854_775_808L, down("-9223372036854775808").getInteger());
        assertEquals("90", roundTrip("90"));
    }

    @Test
    void shouldKeepFloatsAsFloats() {
        assertEquals(90.0, down("90.0").getNumber());
        assertEquals(1.5e-7, down("1.5e-7").getNumber());
        assertEquals("90.0", roundTrip("90.0"));
        assertEquals("0.1", roundTrip("0.1"));
    }

    @Test
    void shouldKeepDigitsBeyondLongAndDouble() {
        assertEquals("123456789012345678901234567890", down("123456789012345678901234567890").getJson());
        assertEquals("123456789012345678901234567890", roundTrip("123456789012345678901234567890"));
        assertEquals("1e999", roundTrip("1e999"));
    }

    @Test
    void shouldCarryStringsBooleansObjectsArraysAndNull() {
        assertEquals("heartbeat", down("\"heartbeat\"").getText());
        assertEquals(true, down("true").getBoolean());
        assertEquals("{\"a\":[1,2.5,\"x\"],\"b\":null}", down("{\"a\": [1, 2.5, \"x\"], \"b\": null}").getJson());
        assertEquals("[1,{\"b\":false}]", roundTrip("[1, {\"b\": false}]"));
        assertEquals("{\"a\":{}}", roundTrip("{\"a\":{}}"));
        assertEquals("null", roundTrip("null"));
        Value text = Value.newBuilder().setText("\"quoted\" \u2603 \\ /").build();
        assertEquals(text, codec.decode(codec.encodeMessage("/t", text)).value());
    }

    @Test
    void shouldSendBytesAsBase64AndRefuseBrokenJsonText() {
        Value data = Value.newBuilder().setData(ByteString.copyFrom(new byte[] {1, 2, 3})).build();
        assertEquals("\"AQID\"", mapper.toJson(data).toString());
        assertNull(codec.encodeMessage("/t", Value.newBuilder().setJson("{broken").build()));
        assertEquals("null", mapper.toJson(Value.newBuilder().setNumber(Double.NaN).build()).toString());
    }
}

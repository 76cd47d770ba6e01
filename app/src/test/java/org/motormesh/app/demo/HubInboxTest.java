package org.motormesh.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HubInboxTest {
    @Test
    void shouldHearDataFramesParsingThePayloadTwice() {
        HubInbox inbox = new HubInbox();
        inbox.onFrame("{\"type\":\"welcome\",\"client_id\":\"me\"}");
        inbox.onFrame("{\"type\":\"data\",\"client_id\":\"b\",\"payload\":\"{\\\"topic\\\":\\\"/SM/c/angle\\\",\\\"value\\\":93}\"}");
        assertEquals(1, inbox.count("/SM/c/angle"));
        assertEquals("; heard /SM/c/angle = 93 (1)", inbox.summary());
    }

    @Test
    void shouldIgnoreItsOwnEchoes() {
        HubInbox inbox = new HubInbox();
        inbox.onFrame("{\"type\":\"welcome\",\"client_id\":\"me\"}");
        inbox.onFrame("{\"type\":\"data\",\"client_id\":\"me\",\"payload\":\"{\\\"topic\\\":\\\"/x\\\",\\\"value\\\":1}\"}");
        assertEquals(0, inbox.count("/x"));
    }

    @Test
    void shouldIgnoreGarbageAndUnknownFrames() {
        HubInbox inbox = new HubInbox();
        for (String junk : new String[] {"", "not json", "[1,2]", "{\"type\":\"data\"}", "{\"type\":\"data\",\"payload\":7}",
                "{\"type\":\"data\",\"client_id\":\"b\",\"payload\":\"{\\\"topic\\\":5}\"}", "{\"type\":\"other\"}"}) {
            inbox.onFrame(junk);
        }
        assertEquals("", inbox.summary());
    }
}

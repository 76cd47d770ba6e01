package org.motormesh.bridge.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.motormesh.bridge.TestChannelClient;
import org.motormesh.bridge.mapping.ChannelCodec;
import org.motormesh.bridge.mapping.ChannelFrame;
import org.motormesh.node.Loopback;

/** The embedded server over ws:// on loopback: ids, welcome, relay per channel path, counted drops. */
class ChannelServerTest {
    private final ChannelCodec codec = new ChannelCodec();

    @Test
    void shouldWelcomeRelayToEveryClientOfTheChannelAndCountMalformed() throws Exception {
        try (ChannelServer server = new ChannelServer(ChannelServerConfig.of("127.0.0.1", 0, false, null)).start();
                TestChannelClient a = new TestChannelClient(server.url("one").toString(), null).connect();
                TestChannelClient b = new TestChannelClient(server.url("one").toString(), null).connect();
                TestChannelClient other = new TestChannelClient(server.url("two").toString(), null).connect()) {
            assertNotEquals(a.clientId(), b.clientId());
            a.send("garbage{");
            a.send("{\"value\":1}");
            a.send("{\"topic\": \"/controller/data\", \"value\": 42}");
            a.send("{\"type\":\"data\",\"payload\":\"{\\\"topic\\\":\\\"/LEGO\\\",\\\"value\\\":\\\"[1]\\\"}\"}");
            Loopback.await(() -> a.texts.size() == 2 && b.texts.size() == 2, 5000, "relay to sender and peer");

            ChannelFrame first = codec.decode(b.texts.get(0));
            assertEquals(a.clientId(), first.clientId());
            assertEquals("{\"topic\": \"/controller/data\", \"value\": 42}", first.payload(), "the sender's text, verbatim");
            assertEquals("{\"topic\":\"/LEGO\",\"value\":\"[1]\"}", codec.decode(b.texts.get(1)).payload());
            assertEquals(List.of(), other.texts, "another channel path hears nothing");
            assertEquals(Map.of("malformed", 1L, "no_topic", 1L), server.dropped());
            assertEquals(2, server.relayed());
            assertEquals(3, server.connections());
            assertEquals(3, server.peakConnections());
            assertTrue(server.url("x").toString().startsWith("ws://localhost:"));
        }
    }
}

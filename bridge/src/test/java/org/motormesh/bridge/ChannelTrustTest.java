package org.motormesh.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.motormesh.bridge.link.LinkState;
import org.motormesh.bridge.server.ChannelServer;
import org.motormesh.bridge.server.ChannelServerConfig;
import org.motormesh.node.Loopback;

/** Certificates and host names are verified; --trust-cert adds exactly one certificate. */
class ChannelTrustTest {
    @TempDir
    Path configDir;

    @Test
    void shouldRefuseSelfSignedByDefaultAndAcceptWithTrustCert() throws Exception {
        try (ChannelServer server = new ChannelServer(ChannelServerConfig.of("127.0.0.1", 0, true, configDir)).start()) {
            String url = server.url("classroom").toString();
            assertTrue(Files.readString(server.certificate()).startsWith("-----BEGIN CERTIFICATE-----"));
            try (TestChannelClient untrusted = new TestChannelClient(url, null)) {
                untrusted.link().start();
                Loopback.await(() -> !untrusted.link().closes().isEmpty(), 5000, "a refused attempt");
                Thread.sleep(300);
                assertFalse(untrusted.state() == LinkState.OPEN);
                assertEquals(0, server.accepted(), "no WebSocket session without trust");
                Loopback.await(() -> untrusted.link().lastRefusal().contains("--trust-cert"), 5000,
                        "a refusal that names the fix, not just link_refused: " + untrusted.link().lastRefusal());
            }
            try (TestChannelClient trusted = new TestChannelClient(url, server.certificate()).connect()) {
                // the welcome (read thread) can come before the link's own thread records OPEN
                Loopback.await(() -> trusted.state() == LinkState.OPEN, 5000, "the trusted link to open");
                assertEquals(1, server.connections());
            }
        }
    }

    @Test
    void shouldRefuseTrustedCertificateForAnotherHostName() throws Exception {
        try (ChannelServer server = new ChannelServer(ChannelServerConfig.of("127.0.0.2", 0, true, configDir)).start()) {
            String url = "wss://127.0.0.2:" + server.port() + "/local/api/channels/classroom";
            try (TestChannelClient client = new TestChannelClient(url, server.certificate())) {
                client.link().start();
                Loopback.await(() -> !client.link().closes().isEmpty(), 5000, "a refused attempt");
                assertFalse(client.state() == LinkState.OPEN);
                assertEquals(0, server.accepted());
                Loopback.await(() -> client.link().lastRefusal().contains("another host name"), 5000,
                        "a refusal that names the host-name mismatch: " + client.link().lastRefusal());
            }
        }
    }

    @Test
    void shouldKeepTheCertificateAcrossRuns() throws Exception {
        Path first;
        try (ChannelServer a = new ChannelServer(ChannelServerConfig.of("127.0.0.1", 0, true, configDir))) {
            first = a.certificate();
        }
        String before = Files.readString(first);
        try (ChannelServer b = new ChannelServer(ChannelServerConfig.of("127.0.0.1", 0, true, configDir))) {
            assertEquals(before, Files.readString(b.certificate()));
        }
    }
}

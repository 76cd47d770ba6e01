package org.motormesh.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.motormesh.bridge.link.ChannelProbe;
import org.motormesh.bridge.link.LinkConfig;
import org.motormesh.bridge.server.ChannelServer;
import org.motormesh.bridge.server.ChannelServerConfig;

/**
 * Round trips through the embedded channel relay (the bridge's channel server, plain ws:// on loopback): one
 * WebSocket client sends from the application thread, the other replies from its read thread, and the reply is
 * handed back to the waiting application thread. The relay echoes to the sender too, as it does for pages.
 */
final class ChannelRoundTrip implements RoundTrip {
    private final Path dir;
    private final ChannelServer server;
    private final ChannelProbe pinger;
    private final ChannelProbe ponger;
    private final Reply reply = new Reply();

    ChannelRoundTrip() throws Exception {
        dir = Files.createTempDirectory("motormesh-cmp");
        server = new ChannelServer(ChannelServerConfig.of("127.0.0.1", 0, false, dir)).start();
        LinkConfig link = LinkConfig.of(server.url("bench").toString(), null);
        pinger = new ChannelProbe(link, null).connect();
        ponger = new ChannelProbe(link, null).connect();
        ponger.on("/bench/ping", (t, seq) -> {
            try {
                ponger.send("/bench/pong", seq);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        pinger.on("/bench/pong", (t, seq) -> reply.arrived(seq));
    }

    @Override
    public String key() {
        return "channel";
    }

    @Override
    public long once(int seq) throws InterruptedException {
        long t0 = System.nanoTime();
        if (!pinger.send("/bench/ping", seq)) {
            return -1;
        }
        return reply.await(seq, LOST_AFTER_NS) ? System.nanoTime() - t0 : -1;
    }

    @Override
    public void close() throws IOException {
        pinger.close();
        ponger.close();
        server.close();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }
}

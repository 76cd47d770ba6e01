package org.motormesh.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.motormesh.bridge.server.ChannelServer;
import org.motormesh.bridge.server.ChannelServerConfig;
import org.motormesh.bridge.server.ServerKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code motormesh channel-server}: the classroom channel served from this laptop, for offline classes. */
@Command(name = "channel-server", mixinStandardHelpOptions = true,
        description = "Serve the classroom channel protocol locally (wss:// with a self-signed certificate by default).")
public final class ChannelServerCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = ChannelServerConfig.DEFAULT_HOST,
            description = "Address to listen on: 127.0.0.1 for this laptop, 0.0.0.0 for the LAN (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "" + ChannelServerConfig.DEFAULT_PORT, description = "TCP port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--no-tls", description = "Serve ws:// instead of wss://.")
    boolean noTls;

    @Option(names = "--config-dir", description = "Where the certificate is kept (default ~/.config/motormesh).")
    Path configDir;

    @Option(names = "--status-every", defaultValue = "5", description = "Seconds between status lines; 0 for none (default ${DEFAULT-VALUE}).")
    int statusEvery;

    @Override
    public Integer call() throws Exception {
        Path dir = configDir != null ? configDir : ServerKeys.defaultDir();
        ChannelServer server = new ChannelServer(ChannelServerConfig.of(host, port, !noTls, dir)).start();
        System.out.println("channel server on " + server.url("classroom") + " (any path /{user}/api/channels/{name} works)");
        if (server.certificate() != null) {
            System.out.println("certificate: " + server.certificate() + "  (clients: --trust-cert " + server.certificate() + ")");
        }
        StatusLoop.untilStopped(statusEvery, server::close, () -> "clients " + server.connections() + " (peak " + server.peakConnections() + ") | relayed " + server.relayed()
                + " | dropped " + (server.dropped().isEmpty() ? "none" : server.dropped()));
        return 0;
    }
}

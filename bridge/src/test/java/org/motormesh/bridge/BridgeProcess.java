package org.motormesh.bridge;

import java.nio.file.Path;
import java.util.List;
import org.motormesh.bridge.link.Backoff;
import org.motormesh.bridge.link.LinkConfig;
import org.motormesh.bridge.mapping.TopicRules;
import org.motormesh.bridge.outbox.OutboxConfig;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.node.MeshNode;

/**
 * A bridge in its own JVM, so a test can SIGKILL it: {@code NAME CHANNEL_URL TRUST_CERT PRIORITY SEED}. Prints
 * {@code READY}, then {@code ROLE active|standby|settling LINK-STATE} on every change; "quit" on stdin closes it.
 */
public final class BridgeProcess {
    private BridgeProcess() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[1];
        MeshNode node = new MeshNode(MeshConfig.builder().name(args[0]).role("bridge").channel(url)
                .priority(Integer.parseInt(args[3])).interfaceAddress("127.0.0.1").mdns(false).scoutPort(0)
                .seedPeers(List.of(args[4])).build()).start();
        LinkConfig link = LinkConfig.of(url, Path.of(args[2])).withBackoff(new Backoff(50, 200));
        Bridge bridge = new Bridge(new BridgeConfig(link, OutboxConfig.defaults().withRate(0), TopicRules.all(), 800),
                node).start();
        UplinkProcessLoop.run(bridge::stats, () -> {
            bridge.close();
            node.close();
        });
    }
}

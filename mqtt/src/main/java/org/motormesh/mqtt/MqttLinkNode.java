package org.motormesh.mqtt;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.ScheduledExecutorService;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.node.MeshNode;
import org.motormesh.status.StatusPublisher;

/**
 * A running MQTT link as one process holds it: its mesh node (role bridge, advertising the broker as its channel so
 * that links of the same broker elect one), the {@link MqttLink}, and the node's status reports, started in that
 * order. What the {@code mqtt} verb and the tests run.
 */
public final class MqttLinkNode implements AutoCloseable {
    private final MeshNode node;
    private final MqttLink link;
    private final StatusPublisher status;

    private MqttLinkNode(MeshNode node, MqttLink link, StatusPublisher status) {
        this.node = node;
        this.link = link;
        this.status = status;
    }

    /**
     * Starts a node from {@code mesh} (a builder's settings; role and channel are set here), the link, and status
     * reports on {@code statusTimer} (null for none); closes what started and rethrows when a part fails.
     */
    public static MqttLinkNode start(MeshConfig.Builder mesh, MqttLinkConfig config,
            ScheduledExecutorService statusTimer) throws GeneralSecurityException, IOException {
        MeshNode node = new MeshNode(mesh.role("bridge").channel(config.target()).build()).start();
        MqttLink link = null;
        try {
            link = new MqttLink(config, node).start();
            MqttLink started = link;
            StatusPublisher status = statusTimer == null ? null
                    : new StatusPublisher(node, () -> MqttStatus.of(started))
                            .start(statusTimer, StatusPublisher.DEFAULT_PERIOD_MS);
            return new MqttLinkNode(node, link, status);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            if (link != null) {
                link.close();
            }
            node.close();
            throw e;
        }
    }

    public MeshNode node() {
        return node;
    }

    public MqttLink link() {
        return link;
    }

    /** Stops the status reports, the link, then the node. */
    @Override
    public void close() {
        if (status != null) {
            status.close();
        }
        link.close();
        node.close();
    }
}

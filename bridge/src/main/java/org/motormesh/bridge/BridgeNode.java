package org.motormesh.bridge;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.ScheduledExecutorService;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.node.MeshNode;
import org.motormesh.status.StatusPublisher;

/**
 * A running bridge as one process holds it: its mesh node (advertising the channel), the {@link Bridge}, and the
 * node's status reports, started in that order. The one assembly the {@code bridge} verb and the demo share.
 */
public final class BridgeNode implements AutoCloseable {
    private final MeshNode node;
    private final Bridge bridge;
    private final StatusPublisher status;

    private BridgeNode(MeshNode node, Bridge bridge, StatusPublisher status) {
        this.node = node;
        this.bridge = bridge;
        this.status = status;
    }

    /**
     * Starts a node with {@code mesh} (whose channel is the one the bridge serves), the bridge, and status reports
     * on {@code statusTimer}; closes what started and rethrows when a part fails.
     */
    public static BridgeNode start(MeshConfig mesh, BridgeConfig config, ScheduledExecutorService statusTimer)
            throws GeneralSecurityException, IOException {
        MeshNode node = new MeshNode(mesh).start();
        Bridge bridge = null;
        try {
            bridge = new Bridge(config, node).start();
            Bridge started = bridge;
            StatusPublisher status = new StatusPublisher(node, () -> BridgeStatus.of(started, mesh.channel()))
                    .start(statusTimer, StatusPublisher.DEFAULT_PERIOD_MS);
            return new BridgeNode(node, bridge, status);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            if (bridge != null) {
                bridge.close();
            }
            node.close();
            throw e;
        }
    }

    public MeshNode node() {
        return node;
    }

    public Bridge bridge() {
        return bridge;
    }

    /** Stops the status reports and the bridge, leaving the node running (the demo closes its nodes at once). */
    public void closeBridge() {
        status.close();
        bridge.close();
    }

    /** Stops the status reports, the bridge, then the node. */
    @Override
    public void close() {
        closeBridge();
        node.close();
    }
}

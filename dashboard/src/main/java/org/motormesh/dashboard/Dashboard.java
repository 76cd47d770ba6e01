package org.motormesh.dashboard;

import java.net.URI;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.motormesh.mesh.Loops;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.mesh.MeshStats;
import org.motormesh.mesh.Message;
import org.motormesh.mesh.PeerView;
import org.motormesh.mesh.RateLimitedLog;
import org.motormesh.mesh.Subscription;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Qos;
import org.motormesh.proto.v1.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dashboard attached to a mesh: its own node subscribes to every topic (status reports included), the
 * dashboard loop thread owns the {@link MeshModel} and pushes a snapshot to the page every period. Mesh
 * callbacks hand messages to that loop. The page's controls publish through the same node.
 */
public final class Dashboard implements AutoCloseable, MeshPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

    private final MeshNode node;
    private final MeshModel model;
    private final ScheduledExecutorService loop;
    private final RateLimitedLog errors = new RateLimitedLog(LOG, 10_000);
    private DashboardServer server;
    private Subscription everything;

    private Dashboard(DashboardConfig config, MeshNode node) {
        this.node = node;
        this.model = new MeshModel(config.statusTimeoutMs(), config.maxTopics());
        this.loop = Loops.start("dashboard-loop");
    }

    /** Serves the page first (so a taken port fails fast), then joins the mesh with {@code mesh}. */
    public static Dashboard start(DashboardConfig config, MeshConfig mesh) {
        Dashboard d = new Dashboard(config, new MeshNode(mesh));
        try {
            d.server = DashboardServer.bind(config.httpHost(), config.httpPort(), new StaticAssets(),
                    PublishEndpoint.of(d));
            d.node.start();
            d.everything = d.node.subscribe("", d::onMessage);
            d.loop.scheduleAtFixedRate(d::push, 0, config.pushMs(), TimeUnit.MILLISECONDS);
            return d;
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
    }

    /** On the mesh loop: hands the message to the dashboard loop, unless that is stopping. */
    private void onMessage(Message m) {
        try {
            loop.execute(() -> model.onMessage(m, nowMs()));
        } catch (RejectedExecutionException closing) {
            // close() is under way
        }
    }

    /**
     * The page's publish: sent with latest-value QoS, shown in the topic table as from this dashboard; gives
     * the live peers subscribed to it.
     */
    @Override
    public List<String> publish(String topic, Value value) {
        node.publish(topic, value, Qos.QOS_LATEST);
        onMessage(new Message(topic, value, node.id(), node.name(), Qos.QOS_LATEST, false));
        return node.peers().stream().filter(p -> p.subscriptions().stream().anyMatch(topic::startsWith))
                .map(PeerView::name).sorted().toList();
    }

    private static long nowMs() {
        return System.nanoTime() / 1_000_000;
    }

    /** The loop's one error boundary: a failed snapshot is logged (rarely) and the next one tries again. */
    private void push() {
        try {
            MeshStats self = node.stats();
            server.streams().publish(model.snapshot(nowMs(), node.id(), node.name(), self).toString());
        } catch (RuntimeException e) {
            errors.warn("dashboard snapshot failed", e);
        }
    }

    /** The page's address. */
    public URI url() {
        var a = server.localAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "localhost" : a.getAddress().getHostAddress();
        return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    /** The dashboard's own mesh node. */
    public MeshNode node() {
        return node;
    }

    /** Stops pushing, leaves the mesh, closes the page's connections and the port. */
    @Override
    public void close() {
        loop.shutdownNow();
        if (everything != null) {
            everything.close();
        }
        node.close();
        if (server != null) {
            server.close();
        }
        try {
            loop.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}

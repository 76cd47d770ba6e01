package org.motormesh.app.demo;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.motormesh.bridge.BridgeConfig;
import org.motormesh.bridge.BridgeNode;
import org.motormesh.bridge.link.LinkConfig;
import org.motormesh.bridge.mapping.TopicRules;
import org.motormesh.bridge.outbox.OutboxConfig;
import org.motormesh.bridge.server.ChannelServer;
import org.motormesh.bridge.server.ChannelServerConfig;
import org.motormesh.dashboard.Dashboard;
import org.motormesh.dashboard.DashboardConfig;
import org.motormesh.mesh.Loops;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.status.StatusPublisher;

/**
 * The offline demo on loopback: dashboard, embedded channel server, bridge, simulated motors and LEGO hub,
 * started in that order and closed in reverse. One demo loop thread owns the simulated apps and the status
 * reports; each mesh node keeps its own event loop, as on separate devices.
 */
public final class Demo implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";
    /** The channel's name on the embedded server. */
    static final String CHANNEL = "classroom";
    /** Mesh topics the demo's bridge carries both ways: the slash topics, never the {@code $mesh/} ones. */
    static final TopicRules RULES = new TopicRules(List.of("/"), List.of("/"), Map.of());
    private static final long CONTROLLER_SWEEP_MS = 4000;
    private static final long HUB_SWEEP_MS = 6000;
    /**
     * The demo's bridge listens for rival bridges of its channel this long before it links (default 2 s): a
     * lease is enough here, since seeded on loopback it meets every node within a few milliseconds.
     */
    private static final long BRIDGE_SETTLE_MS = 1000;
    /** Ctrl-C must leave within 2 s; the nodes take about 0.3 s each, in parallel. */
    private static final long STOP_WAIT_MS = 1500;

    private final DemoConfig config;
    private final PrintStream out;
    private final ScheduledExecutorService loop = Loops.start("demo-loop");
    /** Parts closed one by one, last first. */
    private final List<AutoCloseable> started = new ArrayList<>();
    /** Nodes and servers, closed all at once after those. */
    private final List<AutoCloseable> nodes = new ArrayList<>();
    private final List<String> nodeNames = new ArrayList<>();
    private Dashboard dashboard;
    private URI channelUrl;

    private Demo(DemoConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    /** Starts everything, or closes what started and rethrows. */
    public static Demo start(DemoConfig config, PrintStream out) throws Exception {
        Demo demo = new Demo(config, out);
        try {
            demo.startAll();
            return demo;
        } catch (Exception | Error e) {
            demo.close();
            throw e;
        }
    }

    private String name(String base) {
        return base + "-" + config.suffix();
    }

    /**
     * Every node advertises and browses by mDNS like a real motor; the ones after the dashboard also get it as a
     * seed peer, so the mesh forms in well under a second (JmDNS takes 3 to 4 s to register and resolve on a
     * busy laptop) and gossip in the Hellos introduces the rest.
     */
    private MeshConfig.Builder mesh(String base, String role) {
        nodeNames.add(name(base));
        MeshConfig.Builder b = MeshConfig.builder().name(name(base)).role(role).interfaceAddress(LOOPBACK).port(0)
                .mdns(true);
        if (dashboard != null) {
            b.seedPeer(LOOPBACK + ":" + dashboard.node().localAddress().getPort());
        }
        return b;
    }

    private void startAll() throws Exception {
        dashboard = Dashboard.start(DashboardConfig.of(config.httpPort()), mesh("dashboard", "node").build());
        nodes.add(dashboard);
        String hub = name("lego-hub");
        if (config.channel()) {
            ChannelServer server = new ChannelServer(ChannelServerConfig.of(LOOPBACK, config.channelPort(), false, null));
            nodes.add(server);
            server.start();
            channelUrl = server.url(CHANNEL);
            startBridge();
        }
        String controller = name("controller");
        motor("controller", new ControllerApp(new Knob(CONTROLLER_SWEEP_MS, 0)));
        for (int i = 1; i < config.motors(); i++) {
            motor("receiver-" + i, new ReceiverApp(name("receiver-" + i), controller));
        }
        if (config.channel()) {
            motor("follows-hub", new ReceiverApp(name("follows-hub"), hub));
            LegoHub lego = new LegoHub(channelUrl, hub, new Knob(HUB_SWEEP_MS, 0), out, config.hubPrintMs(), loop);
            started.add(lego);
            lego.start();
        }
    }

    private void startBridge() throws Exception {
        String url = channelUrl.toString();
        BridgeNode bridge = BridgeNode.start(mesh("bridge", "bridge").channel(url).build(),
                new BridgeConfig(LinkConfig.of(url, null), OutboxConfig.defaults(), RULES, BRIDGE_SETTLE_MS), loop);
        nodes.add(bridge.node());
        started.add(bridge::closeBridge);
    }

    private void motor(String base, MotorApp app) {
        SimMotor m = new SimMotor(mesh(base, "motor").build(), app, loop);
        nodes.add(m);
        m.start(StatusPublisher.DEFAULT_PERIOD_MS);
    }

    /** The dashboard page. */
    public URI dashboardUrl() {
        return dashboard.url();
    }

    /** Where another node on this machine meets the demo's mesh (the dashboard node's UDP address), as a seed. */
    public String meshSeed() {
        return LOOPBACK + ":" + dashboard.node().localAddress().getPort();
    }

    /** The embedded channel's URL, or null with {@code --no-channel}. */
    public URI channelUrl() {
        return channelUrl;
    }

    /** The name of every mesh node the demo runs (motors, bridge, dashboard). */
    public List<String> nodeNames() {
        return List.copyOf(nodeNames);
    }

    /** The LEGO hub's name (its motor topic is {@code /SM/<name>/angle}). */
    public String hubName() {
        return name("lego-hub");
    }

    /**
     * Closes the quick parts in reverse order of start (hub, status reports, bridge), then every node and the
     * servers at once: each node waits a little for its mDNS goodbye and its event loop, so one after another
     * would take seconds. Then the demo loop.
     */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            closeQuietly(started.get(i));
        }
        started.clear();
        List<Thread> stopping = new ArrayList<>();
        for (AutoCloseable c : nodes) {
            Thread t = new Thread(() -> closeQuietly(c), "demo-stop");
            t.setDaemon(true);
            t.start();
            stopping.add(t);
        }
        nodes.clear();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MS);
        for (Thread t : stopping) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        loop.shutdownNow();
        try {
            loop.awaitTermination(200, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            out.println("demo: stopping " + c.getClass().getSimpleName() + " failed: " + e);
        }
    }
}

package org.motormesh.app.demo;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.motormesh.bridge.server.ChannelServerConfig;
import org.motormesh.dashboard.DashboardConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code motormesh demo}: the whole classroom on this laptop, offline, until Ctrl-C. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Offline demo on loopback: simulated Smart Motors (one controller sweeping its knob, receivers "
                + "following it), the embedded channel server, a bridge, a simulated LEGO hub, and the live "
                + "dashboard. Nothing leaves this computer. Ctrl-C stops everything.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--motors", defaultValue = "" + DemoConfig.DEFAULT_MOTORS, paramLabel = "N",
            description = "Simulated motors: one controller and N-1 receivers following it, 1 to " + DemoConfig.MAX_MOTORS
                    + " (default: ${DEFAULT-VALUE}).")
    int motors;

    @Option(names = "--no-channel", description = "Mesh only: no channel server, bridge or LEGO hub.")
    boolean noChannel;

    @Option(names = "--port", defaultValue = "" + DashboardConfig.DEFAULT_PORT,
            description = "Dashboard TCP port (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--channel-port", defaultValue = "" + ChannelServerConfig.DEFAULT_PORT,
            description = "Embedded channel server TCP port (default: ${DEFAULT-VALUE}; 0: any free port).")
    int channelPort;

    @Option(names = {"-v", "--verbose"}, description = "Log every node's start and stop.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (!verbose && System.getProperty("org.slf4j.simpleLogger.log.org.motormesh") == null) {
            // Seven nodes logging their start would bury the legend; read when the first logger is made.
            System.setProperty("org.slf4j.simpleLogger.log.org.motormesh", "warn");
        }
        PrintStream out = System.out;
        DemoConfig config = new DemoConfig(motors, !noChannel, port, channelPort, DemoConfig.randomSuffix(),
                DemoConfig.DEFAULT_HUB_PRINT_MS);
        Demo demo = Demo.start(config, out);
        out.println(Legend.text(demo, config));
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            long t0 = System.nanoTime();
            demo.close();
            out.printf("demo stopped in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            out.flush();
            stopped.countDown();
        }, "demo-shutdown"));
        stopped.await();
        return 0;
    }
}

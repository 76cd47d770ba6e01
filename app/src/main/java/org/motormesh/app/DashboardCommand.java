package org.motormesh.app;

import java.util.concurrent.Callable;
import org.motormesh.cli.MeshOptions;
import org.motormesh.dashboard.Dashboard;
import org.motormesh.dashboard.DashboardConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code motormesh dashboard}: attaches a dashboard to whatever mesh runs on the chosen interface. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Join the mesh as an observer and serve a live dashboard (nodes, links with RTT, topics, "
                + "bridge state, drops) until Ctrl-C.")
public final class DashboardCommand implements Callable<Integer> {
    @Mixin
    MeshOptions mesh;

    @Option(names = "--http-port", defaultValue = "" + DashboardConfig.DEFAULT_PORT,
            description = "TCP port of the page (default: ${DEFAULT-VALUE}; 0: any free port).")
    int httpPort;

    @Option(names = "--http-host", defaultValue = DashboardConfig.DEFAULT_HOST,
            description = "Address the page is served on (default: ${DEFAULT-VALUE}, this computer only).")
    String httpHost;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        DashboardConfig config = new DashboardConfig(httpHost, httpPort, DashboardConfig.DEFAULT_PUSH_MS,
                DashboardConfig.DEFAULT_STATUS_TIMEOUT_MS, DashboardConfig.DEFAULT_MAX_TOPICS);
        Dashboard dashboard = Dashboard.start(config, mesh.builder("node").build());
        spec.commandLine().getOut().println("dashboard: " + dashboard.url() + "  (Ctrl-C stops)");
        spec.commandLine().getOut().flush();
        StatusLoop.untilStopped(0, dashboard::close, () -> "");
        return 0;
    }
}

package org.motormesh.app.demo;

/** The few lines the demo prints once it runs: where to look and what is what. */
final class Legend {
    private Legend() {
    }

    static String text(Demo demo, DemoConfig config) {
        String s = config.suffix();
        StringBuilder b = new StringBuilder()
                .append("\nmotormesh demo is running on this computer only (127.0.0.1).\n\n")
                .append("  Dashboard:  ").append(demo.dashboardUrl()).append("   <- open this in a browser\n");
        if (demo.channelUrl() != null) {
            b.append("  Channel:    ").append(demo.channelUrl()).append("   (pages and LEGO hubs connect here)\n");
        }
        b.append("\n  controller-").append(s).append("   a Smart Motor whose knob sweeps 0..180; publishes /SM/controller-")
                .append(s).append("/angle\n");
        if (config.motors() > 1) {
            b.append("  receiver-N-").append(s).append("   ").append(config.motors() - 1)
                    .append(" Smart Motors whose servos follow the controller\n");
        }
        if (demo.channelUrl() != null) {
            b.append("  bridge-").append(s).append("       the one node linked to the channel (JSON over WebSocket)\n")
                    .append("  lego-hub-").append(s).append("     a LEGO hub on the channel: prints what it hears, ")
                    .append("posts its motor's position\n")
                    .append("  follows-hub-").append(s).append("  a Smart Motor whose servo follows the LEGO hub\n");
        }
        b.append("  dashboard-").append(s).append("    the dashboard's own node; it listens to everything\n")
                .append("\nPress Ctrl-C to stop.\n");
        return b.toString();
    }
}

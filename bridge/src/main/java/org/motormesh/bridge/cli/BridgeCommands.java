package org.motormesh.bridge.cli;

import java.util.List;
import org.motormesh.cli.CommandPlugin;

/** Adds the bridge's verbs to the motormesh command line (found by ServiceLoader through META-INF/services). */
public final class BridgeCommands implements CommandPlugin {
    @Override
    public List<Object> commands() {
        return List.of(new BridgeCommand(), new ChannelServerCommand());
    }

    @Override
    public List<Object> benchmarks() {
        return List.of(new BenchBridgeCommand());
    }
}

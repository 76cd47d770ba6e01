package org.motormesh.bridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Runs the bridge module's verbs on their own ({@code bridge}, {@code channel-server}, {@code bench bridge}).
 * The motormesh command line loads the same commands as a plugin.
 */
@Command(name = "motormesh", mixinStandardHelpOptions = true,
        subcommands = {BridgeCommand.class, ChannelServerCommand.class, BenchCommand.class})
public final class BridgeMain {
    private BridgeMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BridgeMain()).execute(args));
    }
}

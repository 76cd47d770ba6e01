package org.motormesh.bridge.cli;

import picocli.CommandLine.Command;

/** {@code motormesh bench}: the container for benchmarks ({@code bench bridge} comes from this module). */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = BenchBridgeCommand.class,
        description = "Benchmarks on loopback.")
public final class BenchCommand {
}

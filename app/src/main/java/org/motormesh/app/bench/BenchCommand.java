package org.motormesh.app.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code motormesh bench}: benchmarks that print figures measured side by side in one run, on loopback. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {CoreBenchmark.class, BenchBridgeCommand.class,
        ScaleBenchmark.class, CompareBenchmark.class, SoakBenchmark.class},
        description = "Run a benchmark on loopback and print its figures (core, compare, bridge, scale, soak).")
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a benchmark, e.g. 'bench core'");
    }
}

package org.motormesh.app.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code motormesh bench bridge}: latency added by the bridge and messages/s each way, on loopback. */
@Command(name = "bridge", mixinStandardHelpOptions = true,
        description = "Measure the bridge on loopback: added latency (p50/p99) against a direct channel path, "
                + "and sustained messages/s up and down with coalescing off.")
public final class BenchBridgeCommand implements Callable<Integer> {
    @Option(names = "--samples", defaultValue = "5000", description = "Latency samples per path (default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--messages", defaultValue = "60000", description = "Messages per direction for the rates (default ${DEFAULT-VALUE}).")
    int messages;

    @Option(names = "--no-tls", description = "Use ws:// instead of wss://.")
    boolean noTls;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        BenchResult result = BridgeBench.run(samples, messages, !noTls);
        System.out.println(json ? result.toJson() : result.toText());
        return 0;
    }
}

package org.motormesh.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.motormesh.mesh.Json;
import org.motormesh.mesh.Message;
import org.motormesh.mesh.Values;
import org.motormesh.node.MeshNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code motormesh sub PREFIX}: prints every message under a prefix, like mosquitto_sub -v. */
@Command(name = "sub", mixinStandardHelpOptions = true,
        description = "Print messages whose topic starts with PREFIX, one per line: TOPIC VALUE.")
public final class SubCommand implements Callable<Integer> {
    @Mixin
    MeshOptions mesh;

    @Parameters(paramLabel = "PREFIX", description = "Topic prefix; \"\" or / for everything under /.")
    String prefix;

    @Option(names = "--json", description = "One JSON object per line: topic, value, from, qos.")
    boolean json;

    @Option(names = {"-C", "--count"}, description = "Exit after this many messages (default: never).")
    int count;

    @Option(names = {"-W", "--timeout"}, paramLabel = "SECONDS", description = "Exit after this long (default: never).")
    double timeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger seen = new AtomicInteger();
        MeshNode node = new MeshNode(mesh.builder("node").build()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            done.countDown();
        }, "shutdown"));
        node.subscribe(prefix, m -> {
            out.println(json ? toJson(m) : m.topic() + " " + Values.display(m.value()));
            out.flush();
            if (count > 0 && seen.incrementAndGet() >= count) {
                done.countDown();
            }
        });
        boolean finished = timeoutSeconds > 0
                ? done.await((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS)
                : await(done);
        node.close();
        return finished || count == 0 ? 0 : 1;
    }

    private static boolean await(CountDownLatch done) throws InterruptedException {
        done.await();
        return true;
    }

    static String toJson(Message m) {
        return "{\"topic\":" + Json.quote(m.topic()) + ",\"value\":" + Values.toJson(m.value()) + ",\"from\":"
                + Json.quote(m.senderName()) + ",\"qos\":" + m.qos().ordinal()
                + (m.fromChannel() ? ",\"from_channel\":true" : "") + "}";
    }
}

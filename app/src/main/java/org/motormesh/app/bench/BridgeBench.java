package org.motormesh.app.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.motormesh.proto.v1.Qos;
import org.motormesh.proto.v1.Value;

/**
 * The bridge benchmark. Latency: numbered messages alternate between a channel client sending directly to
 * another channel client and a mesh node publishing through the bridge to that same client; the difference
 * of the percentiles is what the bridge (and its mesh hop) adds. Throughput: a burst each way with
 * coalescing off, counted where it arrives.
 */
public final class BridgeBench {
    private static final long GAP_NS = 250_000;
    private static final int BATCH = 50;
    /** Messages in flight on the way up: keeps the offered load at what the path sustains, without overflow. */
    private static final int WINDOW = 2000;

    private BridgeBench() {
    }

    /** Runs one benchmark with {@code samples} latency samples per path and {@code messages} per direction. */
    public static BenchResult run(int samples, int messages, boolean tls) throws Exception {
        if (samples < 10 || messages < 100) {
            throw new IllegalArgumentException("need >= 10 samples and >= 100 messages, got " + samples + ", " + messages);
        }
        try (BenchRig rig = new BenchRig(tls)) {
            rig.awaitReady();
            latency(rig, Math.min(samples, 2000));
            Latencies[] paths = latency(rig, samples);
            int[] up = new int[2];
            double upRate = up(rig, messages, up);
            int[] down = new int[2];
            double downRate = down(rig, messages, down);
            return new BenchResult(paths[0].percentileUs(0.5), paths[0].percentileUs(0.99), paths[1].percentileUs(0.5),
                    paths[1].percentileUs(0.99), samples, upRate, downRate, up[0], up[1], down[0], down[1], tls,
                    rig.bridge.stats().statusLine());
        }
    }

    private static Latencies[] latency(BenchRig rig, int samples) throws InterruptedException {
        Latencies direct = new Latencies(samples);
        Latencies viaBridge = new Latencies(samples);
        rig.receiver.on(BenchRig.DIRECT, (t, i) -> direct.received(i, t));
        rig.receiver.on(BenchRig.UP, (t, i) -> viaBridge.received(i, t));
        for (int i = 0; i < samples; i++) {
            direct.sent(i, System.nanoTime());
            rig.sender.send(BenchRig.DIRECT, i);
            LockSupport.parkNanos(GAP_NS);
            viaBridge.sent(i, System.nanoTime());
            rig.publisher.publish(BenchRig.UP, Value.newBuilder().setInteger(i).build(), Qos.QOS_LATEST);
            LockSupport.parkNanos(GAP_NS);
        }
        awaitQuiet(() -> direct.arrived() + viaBridge.arrived(), 2L * samples);
        return new Latencies[] {direct, viaBridge};
    }

    private static double up(BenchRig rig, int messages, int[] sentReceived) throws InterruptedException {
        AtomicInteger count = new AtomicInteger();
        AtomicLong lastNs = new AtomicLong();
        rig.receiver.on(BenchRig.UP, (t, i) -> {
            count.incrementAndGet();
            lastNs.set(t);
        });
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            rig.publisher.publish(BenchRig.UP, Value.newBuilder().setInteger(i).build(), Qos.QOS_LATEST);
            while (i - count.get() >= WINDOW) {
                LockSupport.parkNanos(100_000);
            }
            if (i % BATCH == BATCH - 1) {
                LockSupport.parkNanos(GAP_NS);
            }
        }
        awaitQuiet(count::get, messages);
        sentReceived[0] = messages;
        sentReceived[1] = count.get();
        return rate(count.get(), start, lastNs.get());
    }

    private static double down(BenchRig rig, int messages, int[] sentReceived) throws InterruptedException {
        AtomicInteger count = new AtomicInteger();
        AtomicLong lastNs = new AtomicLong();
        AtomicInteger warm = new AtomicInteger();
        rig.subscriber.subscribe(BenchRig.DOWN, m -> {
            if (m.value().getInteger() < 0) {
                warm.incrementAndGet();
                return;
            }
            count.incrementAndGet();
            lastNs.set(System.nanoTime());
        });
        BenchRig.await(() -> rig.bridgeNode.peers().stream().anyMatch(p -> p.subscriptions().contains(BenchRig.DOWN)),
                "the subscriber");
        // Warm-up: one value down and back before the clock starts, so the bridge has heard the subscriber prove its
        // address (proto/FRAME.md, "Strangers"); until then a burst to it is held back sixteen frames deep.
        for (int tries = 0; warm.get() == 0 && tries < 200; tries++) {
            rig.sender.send(BenchRig.DOWN, -1);
            Thread.sleep(50);
        }
        long start = System.nanoTime();
        int sent = 0;
        while (sent < messages && rig.sender.send(BenchRig.DOWN, sent)) {
            sent++;
        }
        awaitQuiet(count::get, sent);
        sentReceived[0] = sent;
        sentReceived[1] = count.get();
        return rate(count.get(), start, lastNs.get());
    }

    private static double rate(int count, long startNs, long lastNs) {
        return count == 0 || lastNs <= startNs ? 0 : count / ((lastNs - startNs) / 1e9);
    }

    /** Waits until {@code progress} reaches {@code target}, or stops moving for half a second (bounded to 30 s). */
    private static void awaitQuiet(java.util.function.LongSupplier progress, long target) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        long last = -1;
        long lastChange = System.nanoTime();
        while (progress.getAsLong() < target && System.nanoTime() < deadline) {
            long now = progress.getAsLong();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > 500_000_000L) {
                return;
            }
            Thread.sleep(5);
        }
    }
}

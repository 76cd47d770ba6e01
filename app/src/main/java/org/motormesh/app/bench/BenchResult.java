package org.motormesh.app.bench;

import java.util.Locale;

/**
 * What one bridge benchmark run measured.
 *
 * @param directP50Us channel client to channel client, median
 * @param directP99Us channel client to channel client, 99th percentile
 * @param bridgeP50Us mesh publish to channel client through the bridge, median
 * @param bridgeP99Us the same, 99th percentile
 * @param samples latency samples per path (sent)
 * @param upMsgsPerS sustained mesh to channel rate, coalescing off
 * @param downMsgsPerS sustained channel to mesh rate
 * @param upSent messages published on the mesh for the up rate
 * @param upReceived of those, received by the channel client
 * @param downSent messages sent by the channel client for the down rate
 * @param downReceived of those, received by the mesh subscriber
 * @param tls whether the channel ran over wss://
 * @param bridgeStatus the bridge's status line at the end (drops by reason, if any)
 */
public record BenchResult(double directP50Us, double directP99Us, double bridgeP50Us, double bridgeP99Us, int samples,
        double upMsgsPerS, double downMsgsPerS, int upSent, int upReceived, int downSent, int downReceived, boolean tls,
        String bridgeStatus) {

    /** Latency the bridge adds at the median: through the bridge minus direct. */
    public double addedP50Us() {
        return bridgeP50Us - directP50Us;
    }

    /** Latency the bridge adds at the 99th percentile. */
    public double addedP99Us() {
        return bridgeP99Us - directP99Us;
    }

    /** The side-by-side table. */
    public String toText() {
        return String.format(Locale.ROOT, "bridge bench: %s on loopback, %d samples per path, coalescing off, mesh loops not spinning%n"
                + "%-28s %10s %10s%n%-28s %10.0f %10.0f%n%-28s %10.0f %10.0f%n%-28s %10.0f %10.0f   (target p99 <= 1000)%n"
                + "%-28s %10.0f msgs/s (%d of %d arrived)   (target >= 20000)%n"
                + "%-28s %10.0f msgs/s (%d of %d arrived)   (target >= 20000)%n"
                + "bridge: %s%n",
                tls ? "wss" : "ws", samples, "latency, microseconds", "p50", "p99",
                "channel -> channel (direct)", directP50Us, directP99Us,
                "mesh -> bridge -> channel", bridgeP50Us, bridgeP99Us,
                "added by the bridge", addedP50Us(), addedP99Us(),
                "up   (mesh -> channel)", upMsgsPerS, upReceived, upSent,
                "down (channel -> mesh)", downMsgsPerS, downReceived, downSent, bridgeStatus);
    }

    /** One JSON object. */
    public String toJson() {
        return String.format(Locale.ROOT, "{\"added_latency_p50_us\":%.1f,\"added_latency_p99_us\":%.1f,"
                + "\"direct_p50_us\":%.1f,\"direct_p99_us\":%.1f,\"bridge_p50_us\":%.1f,\"bridge_p99_us\":%.1f,"
                + "\"samples\":%d,\"up_msgs_per_s\":%.0f,\"down_msgs_per_s\":%.0f,\"up_sent\":%d,\"up_received\":%d,"
                + "\"down_sent\":%d,\"down_received\":%d,\"tls\":%b,\"bridge_status\":\"%s\"}",
                addedP50Us(), addedP99Us(), directP50Us, directP99Us, bridgeP50Us, bridgeP99Us, samples, upMsgsPerS,
                downMsgsPerS, upSent, upReceived, downSent, downReceived, tls, bridgeStatus.replace("\"", "'"));
    }
}

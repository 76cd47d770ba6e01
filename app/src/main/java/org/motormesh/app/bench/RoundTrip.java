package org.motormesh.app.bench;

import java.io.IOException;

/**
 * One way of doing pub→sub→reply round trips for {@code bench compare}: set up once, then asked for round trips
 * round by round, each timed on the application thread from just before the send to the reply in its hands.
 */
interface RoundTrip extends AutoCloseable {
    /** How long a round trip may take before it counts as lost. */
    long LOST_AFTER_NS = 1_000_000_000L;

    /** The key in the figures, e.g. {@code "mesh"}. */
    String key();

    /** One round trip carrying {@code seq}: its time in nanoseconds, or -1 when the reply did not come. */
    long once(int seq) throws Exception;

    @Override
    void close() throws IOException;
}

package org.motormesh.bridge;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.function.Consumer;
import org.motormesh.bridge.outbox.Upstream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * End-to-end delivery for the channel link where the channel echoes a client's own frames (the channel protocol
 * allows either): a frame counts as delivered when its echo comes back, not when it left our socket, because a frame
 * the channel's host has received but its server has not yet read is lost if this bridge dies (the standby must keep
 * its copy until then). The channel relays in order, so an echo also confirms every frame sent before it. A frame
 * whose echo has not come within {@link #MAX_WAIT_MS} (the echo dropped for a slow reader) or that would exceed
 * {@link #MAX_WAITING} counts as delivered then. Until the channel has shown whether it echoes, frames wait for
 * their echo; when none of ours came back within {@link #PROBE_MS} of the first, the channel is taken as one that
 * does not, and {@link #expectsEchoes()} turns false (the bridge then counts a frame delivered once written).
 * Loop only.
 */
final class EchoConfirmations {
    static final long MAX_WAIT_MS = 10_000;
    static final int MAX_WAITING = 4096;
    static final long PROBE_MS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(EchoConfirmations.class);

    private record Sent(Upstream message, long atMs) {
    }

    private final ArrayDeque<Sent> waiting = new ArrayDeque<>();
    private final Consumer<Upstream> delivered;
    private long byTimeout;
    private long firstSentMs = -1;
    private boolean echoSeen;
    private boolean noEchoes;

    EchoConfirmations(Consumer<Upstream> delivered) {
        this.delivered = delivered;
    }

    /** Whether frames wait for their echo: the channel echoes ours, or has not yet shown that it does not. */
    boolean expectsEchoes() {
        return echoSeen || !noEchoes;
    }

    /** A frame written to the channel, to be confirmed by its echo. */
    void sent(Upstream message, long nowMs) {
        if (firstSentMs < 0) {
            firstSentMs = nowMs;
        }
        if (waiting.size() >= MAX_WAITING) {
            delivered.accept(waiting.poll().message());
            byTimeout++;
        }
        waiting.add(new Sent(message, nowMs));
    }

    /** Our own frame came back with {@code text}: it and everything sent before it reached the channel. */
    void echoed(String text) {
        echoSeen = true;
        boolean ours = false;
        for (Sent s : waiting) {
            if (s.message().text().equals(text)) {
                ours = true;
                break;
            }
        }
        if (!ours) {
            return; // sent before echoes were relied on, or already confirmed by age
        }
        for (Iterator<Sent> it = waiting.iterator(); it.hasNext(); ) {
            Upstream m = it.next().message();
            it.remove();
            delivered.accept(m);
            if (m.text().equals(text)) {
                return;
            }
        }
    }

    /** Confirms what waited too long for its echo; gives up waiting for echoes from a channel that sent none. */
    void expire(long nowMs) {
        if (!echoSeen && !noEchoes && firstSentMs >= 0 && nowMs - firstSentMs >= PROBE_MS) {
            noEchoes = true;
            confirmAll();
            LOG.info("the channel does not send our own frames back: a frame now counts as delivered once written");
        }
        while (!waiting.isEmpty() && nowMs - waiting.peek().atMs() >= MAX_WAIT_MS) {
            delivered.accept(waiting.poll().message());
            byTimeout++;
        }
    }

    /** The link closed: what it wrote counts as delivered (as without echoes; the bridge lives on). */
    void confirmAll() {
        while (!waiting.isEmpty()) {
            delivered.accept(waiting.poll().message());
        }
    }

    int waiting() {
        return waiting.size();
    }

    /** Frames counted as delivered without their echo (waited too long, or too many waiting). */
    long byTimeout() {
        return byTimeout;
    }
}

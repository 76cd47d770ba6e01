package org.motormesh.bridge.link;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;
import javax.net.ssl.SSLContext;
import org.motormesh.bridge.mapping.ChannelCodec;
import org.motormesh.bridge.mapping.ChannelFrame;

/**
 * A plain channel client (a page stand-in) for the benchmark and the tests: sends text or numbered values,
 * and reports what arrives, raw or as numbered values by topic.
 */
public final class ChannelProbe implements LinkListener, AutoCloseable {
    private final ChannelLink link;
    private final ChannelCodec codec = new ChannelCodec();
    private final CountDownLatch welcomed = new CountDownLatch(1);
    private final Map<String, ObjIntConsumer<Long>> handlers = new ConcurrentHashMap<>();
    private volatile Consumer<String> raw = text -> { };
    private volatile String clientId = "";

    /** A client not yet connected. */
    public ChannelProbe(LinkConfig config, SSLContext tls) {
        link = new ChannelLink(config, tls, this);
    }

    /** Connects and waits for the welcome (at most 10 s). */
    public ChannelProbe connect() throws InterruptedException {
        link.start();
        if (!welcomed.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no welcome from the channel within 10 s");
        }
        return this;
    }

    /** The id the server gave this client in its latest welcome. */
    public String clientId() {
        return clientId;
    }

    /** The underlying link. */
    public ChannelLink link() {
        return link;
    }

    /** Calls {@code handler(receiveNs, number)} for every integer value arriving on {@code topic}. */
    public void on(String topic, ObjIntConsumer<Long> handler) {
        handlers.put(topic, handler);
    }

    /** Passes every frame but welcomes, as text, to {@code observer} (on the read thread). */
    public void onText(Consumer<String> observer) {
        raw = observer;
    }

    /** Sends {@code {"topic":..,"value":n}}; see {@link #send(String)}. */
    public boolean send(String topic, int n) throws InterruptedException {
        return send("{\"topic\":\"" + topic + "\",\"value\":" + n + "}");
    }

    /** Sends one text frame, waiting while the socket is full; false when it stays full (or closed) for 5 s. */
    public boolean send(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!link.send(text)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(0, 200_000);
        }
        return true;
    }

    @Override
    public void onLinkUp() {
    }

    @Override
    public void onLinkDown(String reason) {
    }

    @Override
    public void onChannelText(String text) {
        long now = System.nanoTime();
        ChannelFrame f = codec.decode(text);
        if (f.kind() == ChannelFrame.Kind.WELCOME) {
            clientId = f.clientId();
            welcomed.countDown();
            return;
        }
        raw.accept(text);
        ObjIntConsumer<Long> handler = f.isMessage() ? handlers.get(f.topic()) : null;
        if (handler != null) {
            handler.accept(now, (int) f.value().getInteger());
        }
    }

    @Override
    public void close() {
        link.close();
    }
}

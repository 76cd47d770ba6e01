package org.motormesh.bridge.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.ObjIntConsumer;
import javax.net.ssl.SSLContext;
import org.motormesh.bridge.link.ChannelLink;
import org.motormesh.bridge.link.LinkConfig;
import org.motormesh.bridge.link.LinkListener;
import org.motormesh.bridge.mapping.ChannelCodec;
import org.motormesh.bridge.mapping.ChannelFrame;

/** A channel client for the benchmark: sends numbered values and reports numbered values received, by topic. */
final class ChannelProbe implements LinkListener, AutoCloseable {
    private final ChannelLink link;
    private final ChannelCodec codec = new ChannelCodec();
    private final CountDownLatch welcomed = new CountDownLatch(1);
    private final Map<String, ObjIntConsumer<Long>> handlers = new ConcurrentHashMap<>();

    ChannelProbe(LinkConfig config, SSLContext tls) {
        link = new ChannelLink(config, tls, this);
    }

    ChannelProbe connect() throws InterruptedException {
        link.start();
        if (!welcomed.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no welcome from the channel within 10 s");
        }
        return this;
    }

    /** Calls {@code handler(receiveNs, number)} for every integer value arriving on {@code topic}. */
    void on(String topic, ObjIntConsumer<Long> handler) {
        handlers.put(topic, handler);
    }

    /** Sends {@code {"topic":..,"value":n}}, waiting while the socket is full; false when it stays full for 5 s. */
    boolean send(String topic, int n) throws InterruptedException {
        String text = "{\"topic\":\"" + topic + "\",\"value\":" + n + "}";
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
            welcomed.countDown();
            return;
        }
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

package org.motormesh.bridge;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.motormesh.bridge.link.Backoff;
import org.motormesh.bridge.link.ChannelLink;
import org.motormesh.bridge.link.ChannelProbe;
import org.motormesh.bridge.link.LinkConfig;
import org.motormesh.bridge.link.LinkState;
import org.motormesh.bridge.link.TlsTrust;
import org.motormesh.bridge.mapping.ChannelCodec;
import org.motormesh.bridge.mapping.ChannelFrame;

/** A channel client for tests (a LEGO page stand-in): the real link, recording every text frame but welcomes. */
public final class TestChannelClient implements AutoCloseable {
    private final ChannelProbe probe;
    private final ChannelCodec codec = new ChannelCodec();
    public final List<String> texts = new CopyOnWriteArrayList<>();

    public TestChannelClient(String url, Path trustCert) throws Exception {
        LinkConfig config = LinkConfig.of(url, trustCert).withBackoff(new Backoff(50, 200));
        probe = new ChannelProbe(config, TlsTrust.context(trustCert));
        probe.onText(texts::add);
    }

    public TestChannelClient connect() throws InterruptedException {
        probe.connect();
        return this;
    }

    public String clientId() {
        return probe.clientId();
    }

    public LinkState state() {
        return probe.link().state();
    }

    public ChannelLink link() {
        return probe.link();
    }

    public void send(String text) throws InterruptedException {
        if (!probe.send(text)) {
            throw new AssertionError("link did not take a frame within 5 s");
        }
    }

    /** Decoded messages received so far from senders other than {@code exceptClientId}. */
    public List<ChannelFrame> messagesFromOthersThan(String exceptClientId) {
        return texts.stream().map(codec::decode).filter(ChannelFrame::isMessage)
                .filter(f -> !f.clientId().equals(exceptClientId)).toList();
    }

    @Override
    public void close() {
        probe.close();
    }
}

package org.motormesh.bridge;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.motormesh.bridge.link.Backoff;
import org.motormesh.bridge.link.ChannelLink;
import org.motormesh.bridge.link.LinkConfig;
import org.motormesh.bridge.link.LinkListener;
import org.motormesh.bridge.link.LinkState;
import org.motormesh.bridge.link.TlsTrust;
import org.motormesh.bridge.mapping.ChannelCodec;
import org.motormesh.bridge.mapping.ChannelFrame;
import org.motormesh.node.Loopback;

/** A channel client for tests (a LEGO page stand-in): the real link, recording every text frame. */
public final class TestChannelClient implements AutoCloseable, LinkListener {
    private final ChannelLink link;
    private final ChannelCodec codec = new ChannelCodec();
    public final List<String> texts = new CopyOnWriteArrayList<>();
    private volatile String clientId = "";

    public TestChannelClient(String url, Path trustCert) throws Exception {
        LinkConfig config = LinkConfig.of(url, trustCert).withBackoff(new Backoff(50, 200));
        link = new ChannelLink(config, TlsTrust.context(trustCert), this);
    }

    public TestChannelClient connect() throws InterruptedException {
        link.start();
        Loopback.await(() -> !clientId.isEmpty(), 10_000, "welcome from the channel");
        return this;
    }

    public String clientId() {
        return clientId;
    }

    public LinkState state() {
        return link.state();
    }

    public ChannelLink link() {
        return link;
    }

    public void send(String text) throws InterruptedException {
        Loopback.await(() -> link.send(text), 5000, "link to accept a frame");
    }

    /** Decoded messages received so far from senders other than {@code exceptClientId}. */
    public List<ChannelFrame> messagesFromOthersThan(String exceptClientId) {
        return texts.stream().map(codec::decode).filter(ChannelFrame::isMessage)
                .filter(f -> !f.clientId().equals(exceptClientId)).toList();
    }

    @Override
    public void onLinkUp() {
    }

    @Override
    public void onLinkDown(String reason) {
        clientId = "";
    }

    @Override
    public void onChannelText(String text) {
        ChannelFrame f = codec.decode(text);
        if (f.kind() == ChannelFrame.Kind.WELCOME) {
            clientId = f.clientId();
        } else {
            texts.add(text);
        }
    }

    @Override
    public void close() {
        link.close();
    }
}

package org.motormesh.dashboard;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

/** The pipeline of one browser connection, top to bottom. */
final class DashboardInitializer extends ChannelInitializer<SocketChannel> {
    /** Requests are GETs and small publishes; a body larger than this is refused. */
    static final int MAX_REQUEST_BYTES = 16 * 1024;

    private final StaticAssets assets;
    private final EventStreams streams;
    private final PublishEndpoint publish;

    DashboardInitializer(StaticAssets assets, EventStreams streams, PublishEndpoint publish) {
        this.assets = assets;
        this.streams = streams;
        this.publish = publish;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("http", new HttpServerCodec())
                .addLast("aggregate", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                .addLast("routes", new DashboardHandler(assets, streams, publish));
    }
}

package org.motormesh.dashboard;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** The dashboard's HTTP server: one Netty event loop thread serving the page and the event streams. */
final class DashboardServer implements AutoCloseable {
    private final EventLoopGroup group;
    private final Channel channel;
    private final EventStreams streams;

    private DashboardServer(EventLoopGroup group, Channel channel, EventStreams streams) {
        this.group = group;
        this.channel = channel;
        this.streams = streams;
    }

    /** Listens on {@code host:port} (0: any free port), or says which address could not be bound. */
    static DashboardServer bind(String host, int port, StaticAssets assets, PublishEndpoint publish) {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("dashboard-http", true),
                NioIoHandler.newFactory());
        EventStreams streams = new EventStreams();
        try {
            Channel channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childHandler(new DashboardInitializer(assets, streams, publish))
                    .bind(host, port).syncUninterruptibly().channel();
            return new DashboardServer(group, channel, streams);
        } catch (Exception e) { // Netty rethrows the checked BindException undeclared
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IllegalStateException("dashboard cannot listen on " + host + ":" + port + ": " + e.getMessage()
                    + " (choose another with --port)", e);
        }
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    EventStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(500);
        streams.close();
        group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(1000);
    }
}

package org.motormesh.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.motormesh.mesh.RateLimitedLog;
import org.motormesh.proto.FrameFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's UDP sockets on one event loop thread (native epoll when available, NIO otherwise): the mesh socket,
 * which also sends to the scouting group and broadcast, and optionally the scout socket that hears them. The loop
 * is also the thread that owns the node's state: inbound datagrams are handed to a {@link Receiver} on it, and
 * other work is submitted to {@link #loop()}.
 */
public final class UdpTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UdpTransport.class);
    /** Datagrams longer than this are cut by the socket; anything over the frame limit is dropped anyway. */
    private static final int RECEIVE_BUFFER = 2048;

    /** Called on the loop thread for every datagram; {@code data} is reused after return. */
    @FunctionalInterface
    public interface Receiver {
        void onDatagram(InetSocketAddress from, byte[] data, int length);
    }

    private final EventLoopGroup group;
    private final Channel channel;
    private final boolean epoll;
    private Channel scout;
    private List<SpinThenBlockStrategy> strategies = List.of();
    private final String kind;
    private final boolean spins;
    private boolean closed;

    private UdpTransport(EventLoopGroup group, Channel channel, String kind, boolean spins) {
        this.group = group;
        this.channel = channel;
        this.epoll = "epoll".equals(kind);
        this.kind = kind;
        this.spins = spins;
    }

    /**
     * Binds {@code address:port} (port 0 picks a free one) and starts delivering datagrams to the receiver.
     *
     * @param spinMicros how long the loop keeps polling without blocking after activity (0: never; epoll only)
     */
    public static UdpTransport bind(Inet4Address address, int port, long spinMicros, String threadName,
                                    Receiver receiver) {
        boolean epoll = Epoll.isAvailable();
        List<SpinThenBlockStrategy> strategies = new CopyOnWriteArrayList<>();
        IoHandlerFactory io = !epoll ? NioIoHandler.newFactory()
                : spinMicros > 0 ? EpollIoHandler.newFactory(0, () -> {
                    SpinThenBlockStrategy strategy = new SpinThenBlockStrategy(spinMicros);
                    strategies.add(strategy);
                    return strategy;
                })
                : EpollIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(threadName, true), io);
        try {
            Bootstrap bootstrap = datagram(group, epoll)
                    .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RECEIVE_BUFFER))
                    .option(ChannelOption.SO_RCVBUF, 1 << 20)
                    .option(ChannelOption.SO_SNDBUF, 1 << 20)
                    .option(ChannelOption.SO_BROADCAST, true)
                    .option(ChannelOption.IP_MULTICAST_TTL, 1)
                    .option(ChannelOption.IP_MULTICAST_LOOP_DISABLED, false)
                    .handler(new InboundHandler(receiver));
            NetworkInterface nif = interfaceOf(address);
            if (nif != null) {
                bootstrap.option(ChannelOption.IP_MULTICAST_IF, nif);
            }
            Channel channel = bootstrap.bind(address, port).syncUninterruptibly().channel();
            UdpTransport transport = new UdpTransport(group, channel, epoll ? "epoll" : "nio",
                    epoll && spinMicros > 0);
            transport.strategies = strategies;
            if (transport.spins) {
                SpinThenBlockStrategy.loopStarted();
            }
            return transport;
        } catch (Exception e) { // Netty rethrows the checked BindException undeclared
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new IllegalStateException("cannot bind UDP " + address.getHostAddress() + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Binds the scout socket: {@code 0.0.0.0:port} shared with other nodes on this host (SO_REUSEADDR), joined to
     * {@code groupAddress} on the interface of {@code interfaceAddress}, on this transport's loop. Returns false
     * (and logs why) when it cannot; the node then meets peers by mDNS and seeds only.
     */
    public boolean openScout(int port, InetAddress groupAddress, Inet4Address interfaceAddress, Receiver receiver) {
        NetworkInterface nif = interfaceOf(interfaceAddress);
        if (nif == null) {
            LOG.warn("scouting off: no interface has {}", interfaceAddress.getHostAddress());
            return false;
        }
        try {
            Channel scoutChannel = datagram(group, epoll)
                    .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RECEIVE_BUFFER))
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .handler(new InboundHandler(receiver))
                    .bind(new InetSocketAddress(port)).syncUninterruptibly().channel();
            ((DatagramChannel) scoutChannel).joinGroup(new InetSocketAddress(groupAddress, port), nif)
                    .syncUninterruptibly();
            scout = scoutChannel;
            return true;
        } catch (Exception e) { // Netty rethrows checked socket exceptions undeclared
            LOG.warn("scouting off: cannot listen on UDP {} for {} on {} ({}); peers are still found by mDNS "
                    + "and --peer", port, groupAddress.getHostAddress(), nif.getName(), e.getMessage());
            return false;
        }
    }

    private static Bootstrap datagram(EventLoopGroup group, boolean epoll) {
        Bootstrap bootstrap = new Bootstrap().group(group);
        return epoll ? bootstrap.channel(EpollDatagramChannel.class)
                : bootstrap.channelFactory(() -> new NioDatagramChannel(SocketProtocolFamily.INET));
    }

    private static NetworkInterface interfaceOf(Inet4Address address) {
        try {
            return NetworkInterface.getByInetAddress(address);
        } catch (SocketException e) {
            return null;
        }
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /** "epoll" or "nio". */
    public String kind() {
        return kind;
    }

    /** The thread that owns the node: submit work and timers here. */
    public ScheduledExecutorService loop() {
        return channel.eventLoop();
    }

    public boolean inLoop() {
        return channel.eventLoop().inEventLoop();
    }

    /** Sends one datagram; from the loop thread it is written at once, from others it is handed over. */
    public void send(InetSocketAddress to, byte[] datagram) {
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), to), channel.voidPromise());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (spins) {
            SpinThenBlockStrategy.loopStopped();
        }
        if (scout != null) {
            scout.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        channel.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 200, TimeUnit.MILLISECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        // A loop stopped in the middle of a spin still holds a slot: hand it back, or other loops never poll.
        strategies.forEach(SpinThenBlockStrategy::release);
    }

    /** Copies each datagram (at most one byte past the frame limit) into one reused array. */
    private static final class InboundHandler extends ChannelInboundHandlerAdapter {
        private final Receiver receiver;
        private final byte[] buffer = new byte[FrameFormat.MAX_FRAME_SIZE + 1];
        private final RateLimitedLog errors = new RateLimitedLog(LOG, 10_000);

        InboundHandler(Receiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            DatagramPacket packet = (DatagramPacket) msg;
            try {
                ByteBuf content = packet.content();
                int length = Math.min(content.readableBytes(), buffer.length);
                content.getBytes(content.readerIndex(), buffer, 0, length);
                receiver.onDatagram(packet.sender(), buffer, length);
            } catch (RuntimeException e) {
                errors.warn("error handling a datagram from " + packet.sender(), e);
            } finally {
                packet.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.warn("UDP socket error (ignored, socket stays open)", cause);
        }
    }
}

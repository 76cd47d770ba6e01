package org.motormesh.dashboard;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;

/**
 * The open server-sent-event streams and the latest snapshot. A client that cannot keep up (its channel not
 * writable) misses snapshots rather than queueing them; the next one replaces them anyway. Streams are added
 * from Netty's thread; {@link #publish} is called by the dashboard loop only.
 */
final class EventStreams {
    private final ChannelGroup streams = new DefaultChannelGroup("dashboard-events", GlobalEventExecutor.INSTANCE);
    private volatile String latest = "{}";
    private volatile long skipped;

    /** Sends {@code json} to every stream and keeps it for new ones and for {@code /snapshot.json}. */
    void publish(String json) {
        latest = json;
        ByteBuf frame = Unpooled.copiedBuffer(event(json), StandardCharsets.UTF_8);
        try {
            for (Channel c : streams) {
                if (c.isWritable()) {
                    c.writeAndFlush(new DefaultHttpContent(frame.retainedDuplicate()));
                } else {
                    skipped++;
                }
            }
        } finally {
            frame.release();
        }
    }

    /** Adds a stream whose response headers were sent, and gives it the latest snapshot at once. */
    void add(Channel c) {
        streams.add(c);
        c.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(event(latest), StandardCharsets.UTF_8)));
    }

    String latest() {
        return latest;
    }

    int size() {
        return streams.size();
    }

    long skipped() {
        return skipped;
    }

    /** Closes every stream. */
    void close() {
        streams.close().awaitUninterruptibly(500);
    }

    static String event(String json) {
        return "data: " + json + "\n\n";
    }
}

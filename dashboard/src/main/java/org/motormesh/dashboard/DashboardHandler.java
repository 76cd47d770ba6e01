package org.motormesh.dashboard;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Routes: the page's files, {@code /events} (a server-sent-event stream of snapshots),
 * {@code /snapshot.json} (the latest one, for scripts and tests) and {@code POST /publish} (the page's
 * controls, see {@link PublishEndpoint}). Anything else is 404; other methods 405.
 */
final class DashboardHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final StaticAssets assets;
    private final EventStreams streams;
    private final PublishEndpoint publish;

    DashboardHandler(StaticAssets assets, EventStreams streams, PublishEndpoint publish) {
        this.assets = assets;
        this.streams = streams;
        this.publish = publish;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            send(ctx, request, HttpResponseStatus.BAD_REQUEST, "text/plain", "bad request\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        if (HttpMethod.POST.equals(request.method()) && path.equals("/publish")) {
            PublishEndpoint.Reply r = publish.handle(request, System.nanoTime() / 1_000_000);
            send(ctx, request, r.status(), "application/json", r.body().toString().getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
            send(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain",
                    "GET only (POST on /publish)\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (path.equals("/events")) {
            openStream(ctx);
        } else if (path.equals("/snapshot.json")) {
            send(ctx, request, HttpResponseStatus.OK, "application/json", streams.latest().getBytes(StandardCharsets.UTF_8));
        } else {
            StaticAssets.Asset asset = assets.get(path);
            if (asset == null) {
                send(ctx, request, HttpResponseStatus.NOT_FOUND, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
            } else {
                send(ctx, request, HttpResponseStatus.OK, asset.contentType(), asset.bytes());
            }
        }
    }

    private void openStream(ChannelHandlerContext ctx) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        HttpUtil.setTransferEncodingChunked(response, true);
        ctx.write(response);
        streams.add(ctx.channel());
    }

    private static void send(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String type,
                             byte[] body) {
        boolean head = HttpMethod.HEAD.equals(request.method());
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, type)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}

package org.motormesh.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DashboardHandlerTest {
    private final EventStreams streams = new EventStreams();
    private final EmbeddedChannel channel = new EmbeddedChannel(new DashboardHandler(new StaticAssets(), streams));

    private FullHttpResponse get(HttpMethod method, String uri) {
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri));
        return channel.readOutbound();
    }

    @Test
    void shouldServeThePageFromTheJar() {
        FullHttpResponse r = get(HttpMethod.GET, "/");
        assertEquals(200, r.status().code());
        assertTrue(r.headers().get(HttpHeaderNames.CONTENT_TYPE).startsWith("text/html"));
        String html = r.content().toString(StandardCharsets.UTF_8);
        assertTrue(html.contains("dashboard.js") && !html.contains("http://") && !html.contains("https://"), html);
        r.release();
    }

    @Test
    void shouldServeTheLatestSnapshot() {
        streams.publish("{\"nodes\":[]}");
        FullHttpResponse r = get(HttpMethod.GET, "/snapshot.json?x=1");
        assertEquals("{\"nodes\":[]}", r.content().toString(StandardCharsets.UTF_8));
        r.release();
    }

    @Test
    void shouldAnswerNotFoundAndMethodNotAllowed() {
        FullHttpResponse missing = get(HttpMethod.GET, "/../etc/passwd");
        assertEquals(404, missing.status().code());
        missing.release();
        FullHttpResponse post = get(HttpMethod.POST, "/");
        assertEquals(405, post.status().code());
        post.release();
    }

    @Test
    void shouldStreamSnapshotsAsServerSentEvents() {
        streams.publish("{\"n\":1}");
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/events"));
        HttpResponse head = channel.readOutbound();
        assertEquals("text/event-stream; charset=utf-8", head.headers().get(HttpHeaderNames.CONTENT_TYPE));
        HttpContent first = channel.readOutbound();
        assertEquals("data: {\"n\":1}\n\n", first.content().toString(StandardCharsets.UTF_8));
        first.release();
        streams.publish("{\"n\":2}");
        channel.runPendingTasks();
        HttpContent second = channel.readOutbound();
        assertEquals("data: {\"n\":2}\n\n", second.content().toString(StandardCharsets.UTF_8));
        second.release();
        assertEquals(1, streams.size());
    }
}

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
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.motormesh.mesh.Values;

class DashboardHandlerTest {
    private final EventStreams streams = new EventStreams();
    private final List<String> published = new ArrayList<>();
    private final PublishEndpoint endpoint = PublishEndpoint.of((topic, value) -> {
        published.add(topic + "=" + Values.display(value) + ":" + value.getKindCase());
        return List.of("receiver-1");
    });
    private final EmbeddedChannel channel = new EmbeddedChannel(new DashboardHandler(new StaticAssets(), streams,
            endpoint));

    private FullHttpResponse post(String body, String type, String origin) {
        return post(body, type, origin, "127.0.0.1:47081");
    }

    private FullHttpResponse post(String body, String type, String origin, String host) {
        DefaultFullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/publish",
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.HOST, host);
        if (type != null) {
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        }
        if (origin != null) {
            r.headers().set(HttpHeaderNames.ORIGIN, origin);
        }
        channel.writeInbound(r);
        return channel.readOutbound();
    }

    private static String body(FullHttpResponse r) {
        String s = r.content().toString(StandardCharsets.UTF_8);
        r.release();
        return s;
    }

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

    @Test
    void shouldPublishTheSlidersValueAndSayWhoSubscribes() {
        FullHttpResponse r = post("{\"topic\":\"/SM/receiver-1/set\",\"value\":42}", "application/json",
                "http://127.0.0.1:47081");
        assertEquals(200, r.status().code());
        assertEquals("application/json", r.headers().get(HttpHeaderNames.CONTENT_TYPE));
        assertEquals("{\"ok\":true,\"topic\":\"/SM/receiver-1/set\",\"value\":\"42\",\"kind\":\"integer\","
                + "\"subscribers\":[\"receiver-1\"]}", body(r));
        assertEquals(List.of("/SM/receiver-1/set=42:INTEGER"), published);
    }

    @Test
    void shouldReadTypedValuesAsThePubCommandDoes() {
        for (String v : new String[] {"\"12.5\"", "true", "\"hello world\"", "\"{\\\"a\\\":1}\"", "-3"}) {
            assertEquals(200, post("{\"topic\":\"/t\",\"value\":" + v + "}", "application/json", null).status().code(), v);
        }
        assertEquals(List.of("/t=12.5:NUMBER", "/t=true:BOOLEAN", "/t=hello world:TEXT", "/t={\"a\":1}:JSON", "/t=-3:INTEGER"),
                published);
    }

    @Test
    void shouldRefuseBadPublishesWithAClearJsonError() {
        String longTopic = "/" + "x".repeat(PublishRequest.MAX_TOPIC_CHARS);
        String bigValue = "v".repeat(PublishRequest.MAX_VALUE_BYTES + 1);
        String[][] cases = {
            {"{\"topic\":\"" + longTopic + "\",\"value\":1}", "400", "topic must be 1 to 128 characters"},
            {"{\"topic\":\"/t\",\"value\":\"" + bigValue + "\"}", "400", "value must be at most 256 bytes"},
            {"{\"topic\":\"$mesh/status/x\",\"value\":1}", "400", "belong to the mesh itself"},
            {"{\"topic\":\"/a b\",\"value\":1}", "400", "spaces or control characters"},
            {"{\"value\":1}", "400", "topic is missing"},
            {"{\"topic\":\"/t\"}", "400", "value is missing"},
            {"{\"topic\":\"/t\",\"value\":[1]}", "400", "value is missing"},
            {"{\"topic\":\"/t\",\"value\":\"1e999\"}", "400", "finite number"},
            {"{\"topic\":\"/t\",\"value\":\"{oops}\"}", "400", "looks like JSON but is not"},
            {"[1,2]", "400", "must be a JSON object"},
            {"{not json", "400", "not JSON"},
            {"{\"topic\":\"/t\",\"value\":\"" + "v".repeat(PublishRequest.MAX_BODY_BYTES) + "\"}", "413", "over 1024 bytes"},
        };
        for (String[] c : cases) {
            FullHttpResponse r = post(c[0], "application/json", null);
            String body = body(r);
            assertEquals(Integer.parseInt(c[1]), r.status().code(), body);
            assertTrue(body.startsWith("{\"error\":") && body.contains(c[2]), body);
        }
        assertTrue(published.isEmpty(), published.toString());
    }

    @Test
    void shouldRefuseAFormPostAndAnotherSitesPage() {
        FullHttpResponse form = post("topic=/t&value=1", "application/x-www-form-urlencoded", null);
        assertEquals(415, form.status().code());
        form.release();
        FullHttpResponse foreign = post("{\"topic\":\"/t\",\"value\":1}", "application/json", "http://evil.example");
        assertEquals(403, foreign.status().code());
        assertTrue(body(foreign).contains("dashboard's own page"));
        FullHttpResponse rebound = post("{\"topic\":\"/t\",\"value\":1}", "application/json",
                "http://evil.example:47081", "evil.example:47081");
        assertEquals(403, rebound.status().code());
        assertTrue(body(rebound).contains("by its address"));
        assertTrue(published.isEmpty());
        for (String host : new String[] {"localhost:47081", "[::1]:47081", "192.168.1.20:47081"}) {
            FullHttpResponse ok = post("{\"topic\":\"/t\",\"value\":1}", "application/json", "http://" + host, host);
            assertEquals(200, ok.status().code(), host);
            ok.release();
        }
    }

    @Test
    void shouldRefuseMoreThanTheBurstWithTooManyRequests() {
        int ok = 0;
        int refused = 0;
        for (int i = 0; i < PublishEndpoint.BURST + 5; i++) {
            FullHttpResponse r = post("{\"topic\":\"/t\",\"value\":" + i + "}", "application/json", null);
            if (r.status().code() == 200) {
                ok++;
            } else {
                assertEquals(429, r.status().code());
                assertTrue(body(r).contains("at most 10 a second"));
                refused++;
                continue;
            }
            r.release();
        }
        assertTrue(ok >= PublishEndpoint.BURST && ok <= PublishEndpoint.BURST + 2, ok + " accepted");
        assertEquals(PublishEndpoint.BURST + 5, ok + refused);
        assertEquals(ok, published.size());
    }
}

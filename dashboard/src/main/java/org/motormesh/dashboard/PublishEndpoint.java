package org.motormesh.dashboard;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.motormesh.mesh.Values;

/**
 * {@code POST /publish}: the page's slider and publish form. Only JSON bodies from the page itself (a foreign
 * page's form post or cross-site script is refused, as a browser must ask first for {@code application/json}),
 * and only to an address typed as such ({@code localhost} or an IP literal: a foreign name rebound to this
 * laptop is refused), validated by {@link PublishRequest}, at most {@link #BURST} at once and {@link #PER_SECOND}
 * a second in all.
 * Every answer is JSON: {@code {"ok": true, ...}} or {@code {"error": "..."}}.
 */
final class PublishEndpoint {
    static final int BURST = 10;
    static final int PER_SECOND = 10;
    /** {@code localhost}, an IPv4 literal or a bracketed IPv6 literal, with an optional port. */
    private static final Pattern ADDRESS_HOST = Pattern.compile(
            "(localhost|\\d{1,3}(\\.\\d{1,3}){3}|\\[[0-9a-fA-F:.]+\\])(:\\d{1,5})?");

    /** One answer: its status and JSON body. */
    record Reply(HttpResponseStatus status, JsonObject body) {
    }

    private final MeshPublisher mesh;
    private final PublishRate rate;

    PublishEndpoint(MeshPublisher mesh, PublishRate rate) {
        this.mesh = mesh;
        this.rate = rate;
    }

    static PublishEndpoint of(MeshPublisher mesh) {
        return new PublishEndpoint(mesh, new PublishRate(BURST, PER_SECOND));
    }

    Reply handle(FullHttpRequest request, long nowMs) {
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return error(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "send JSON (Content-Type: application/json)");
        }
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host == null || !ADDRESS_HOST.matcher(host).matches()) {
            return error(HttpResponseStatus.FORBIDDEN, "publish to the dashboard by its address (such as 127.0.0.1), "
                    + "not by the name '" + host + "'");
        }
        if (origin != null && !origin.equals("http://" + host)) {
            return error(HttpResponseStatus.FORBIDDEN, "publishes come only from the dashboard's own page");
        }
        if (request.content().readableBytes() > PublishRequest.MAX_BODY_BYTES) {
            return error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                    "request is over " + PublishRequest.MAX_BODY_BYTES + " bytes");
        }
        PublishRequest p;
        try {
            p = PublishRequest.parse(request.content().toString(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
        if (!rate.tryTake(nowMs)) {
            return error(HttpResponseStatus.TOO_MANY_REQUESTS, "too many publishes: the dashboard sends at most "
                    + PER_SECOND + " a second; wait a moment");
        }
        List<String> to;
        try {
            to = mesh.publish(p.topic(), p.value());
        } catch (RuntimeException e) { // the node is closing
            return error(HttpResponseStatus.SERVICE_UNAVAILABLE, "not sent: " + e.getMessage());
        }
        JsonObject ok = new JsonObject();
        ok.addProperty("ok", true);
        ok.addProperty("topic", p.topic());
        ok.addProperty("value", Values.display(p.value()));
        ok.addProperty("kind", p.value().getKindCase().name().toLowerCase(Locale.ROOT));
        JsonArray names = new JsonArray();
        to.forEach(names::add);
        ok.add("subscribers", names);
        return new Reply(HttpResponseStatus.OK, ok);
    }

    private static Reply error(HttpResponseStatus status, String why) {
        JsonObject o = new JsonObject();
        o.addProperty("error", why);
        return new Reply(status, o);
    }
}

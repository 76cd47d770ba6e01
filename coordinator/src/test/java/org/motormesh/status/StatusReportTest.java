package org.motormesh.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.motormesh.mesh.Json;
import org.motormesh.mesh.MeshStats;
import org.motormesh.mesh.PeerView;

class StatusReportTest {
    private static PeerView peer(String id, long rtt) {
        return new PeerView(id, "p-" + id, "motor", "127.0.0.1", 4000, List.of("/SM/"), "", 0, 1, rtt, rtt, 3, false);
    }

    private static MeshStats stats(List<PeerView> peers) {
        return new MeshStats(10, 600, 20, 5, Map.of("BAD_TAG", 2L), 1, 0, 3, 0, 0, 0, peers);
    }

    @Test
    void shouldRenderCountersPeersAndApp() {
        Map<String, Object> app = new LinkedHashMap<>();
        app.put("kind", "receiver");
        app.put("angle", 93);
        app.put("follows", "ctl \"one\"");
        String json = StatusReport.render("motor-1", "abc", "motor", stats(List.of(peer("def", 412))), app, 1000);
        assertEquals("{\"v\":1,\"name\":\"motor-1\",\"id\":\"abc\",\"role\":\"motor\",\"sent\":10,\"received\":20,"
                + "\"delivered\":5,\"retransmits\":1,\"duplicates\":0,\"stale\":3,\"abandoned\":0,"
                + "\"dropped\":{\"BAD_TAG\":2},\"peers\":[[\"def\",412]],\"peers_left_out\":0,"
                + "\"app\":{\"kind\":\"receiver\",\"angle\":93,\"follows\":\"ctl \\\"one\\\"\"}}", json);
    }

    @Test
    void shouldLeaveOutPeersToFitTheLimit() {
        List<PeerView> peers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            peers.add(peer(String.format("%012x", i), 1000 + i));
        }
        String json = StatusReport.render("bridge", "abc", "bridge", stats(peers), Map.of(), 1000);
        assertTrue(json.getBytes(StandardCharsets.UTF_8).length <= 1000, json);
        assertTrue(json.matches(".*\"peers_left_out\":[1-9][0-9]*.*"), json);
    }

    @Test
    void shouldWriteNonFiniteNumbersAsNull() {
        assertEquals("null", Json.write(Double.NaN));
        assertEquals("[1.5,true,null]", Json.write(Arrays.asList(1.5, true, null)));
    }
}

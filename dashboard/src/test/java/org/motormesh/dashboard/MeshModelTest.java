package org.motormesh.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.motormesh.mesh.MeshStats;
import org.motormesh.mesh.Message;
import org.motormesh.mesh.PeerView;
import org.motormesh.mesh.Values;
import org.motormesh.proto.v1.Qos;
import org.motormesh.proto.v1.Value;

class MeshModelTest {
    private static final String SELF = "d0";

    private static PeerView peer(String id, String name, String role, long rttUs, String... subs) {
        return new PeerView(id, name, role, "127.0.0.1", 5000, List.of(subs), "", 0, 1, rttUs, rttUs, 1, false);
    }

    private static MeshStats self(PeerView... peers) {
        return new MeshStats(1, 100, 2, 3, Map.of(), 0, 0, 0, 0, 0, 0, List.of(peers));
    }

    private static Message msg(String topic, Value v, String senderId, String sender) {
        return new Message(topic, v, senderId, sender, Qos.QOS_LATEST, false);
    }

    private static JsonObject node(JsonObject snap, String id) {
        for (JsonElement n : snap.getAsJsonArray("nodes")) {
            if (n.getAsJsonObject().get("id").getAsString().equals(id)) {
                return n.getAsJsonObject();
            }
        }
        throw new AssertionError("no node " + id + " in " + snap);
    }

    @Test
    void shouldMergeAStatusReportIntoItsNode() {
        MeshModel model = new MeshModel(1500, 10);
        model.onMessage(msg("$mesh/status/r1", Values.json("{\"v\":1,\"sent\":7,\"peers\":[[\"c1\",2000]],"
                + "\"app\":{\"kind\":\"receiver\",\"angle\":33}}"), "r1", "r1"), 100);
        JsonObject snap = model.snapshot(200, SELF, "dash", self(peer("r1", "r1", "motor", 1000, "/SM/c1/angle"),
                peer("c1", "c1", "motor", 3000)));
        JsonObject r1 = node(snap, "r1");
        assertEquals("receiver", r1.get("kind").getAsString());
        assertEquals(33, r1.getAsJsonObject("app").get("angle").getAsInt());
        assertEquals(7, r1.getAsJsonObject("counters").get("sent").getAsInt());
        assertEquals(3, snap.getAsJsonArray("links").size(), "dash-r1, dash-c1, r1-c1");
        assertTrue(snap.getAsJsonArray("topics").isEmpty(), "status reports are not topics");
    }

    @Test
    void shouldForgetAStatusReportThatIsTooOld() {
        MeshModel model = new MeshModel(1500, 10);
        model.onMessage(msg("$mesh/status/r1", Values.json("{\"app\":{\"kind\":\"receiver\"}}"), "r1", "r1"), 0);
        JsonObject snap = model.snapshot(2000, SELF, "dash", self(peer("r1", "r1", "motor", 1000)));
        assertEquals("motor", node(snap, "r1").get("kind").getAsString());
    }

    @Test
    void shouldCountAStatusReportThatIsNotAnObject() {
        MeshModel model = new MeshModel(1500, 10);
        model.onMessage(msg("$mesh/status/x", Values.json("[1,"), "x", "x"), 0);
        model.onMessage(msg("$mesh/status/x", Values.text("hi"), "x", "x"), 0);
        assertEquals(2, model.badStatus());
    }

    @Test
    void shouldDrawAFlowFromPublisherToMatchingSubscriberOnly() {
        MeshModel model = new MeshModel(1500, 10);
        model.onMessage(msg("/SM/c1/angle", Values.of(12L), "c1", "c1"), 0);
        JsonObject snap = model.snapshot(100, SELF, "dash", self(peer("c1", "c1", "motor", 1),
                peer("r1", "r1", "motor", 1, "/SM/c1/angle"), peer("sniff", "sniff", "node", 1, ""),
                peer("r2", "r2", "motor", 1, "/SM/other/angle")));
        JsonArray flows = snap.getAsJsonArray("flows");
        assertEquals(1, flows.size(), flows.toString());
        assertEquals("r1", flows.get(0).getAsJsonObject().get("to").getAsString());
        JsonObject topic = snap.getAsJsonArray("topics").get(0).getAsJsonObject();
        assertEquals("12", topic.get("value").getAsString());
        assertEquals("c1", topic.get("from").getAsString());
    }

    @Test
    void shouldAverageTheRttBothEndsMeasured() {
        MeshModel model = new MeshModel(1500, 10);
        model.onMessage(msg("$mesh/status/a", Values.json("{\"peers\":[[\"b\",1000]]}"), "a", "a"), 0);
        model.onMessage(msg("$mesh/status/b", Values.json("{\"peers\":[[\"a\",3000]]}"), "b", "b"), 0);
        JsonObject snap = model.snapshot(10, SELF, "dash", self(peer("a", "a", "node", -1), peer("b", "b", "node", -1)));
        boolean found = false;
        for (JsonElement l : snap.getAsJsonArray("links")) {
            JsonObject link = l.getAsJsonObject();
            if (link.get("a").getAsString().equals("a") && link.get("b").getAsString().equals("b")) {
                assertEquals(2.0, link.get("rtt_ms").getAsDouble(), 0.001);
                found = true;
            }
        }
        assertTrue(found);
    }

    @Test
    void shouldEvictTheQuietestTopicPastTheCap() {
        MeshModel model = new MeshModel(1500, 2);
        model.onMessage(msg("/a", Values.of(1L), "x", "x"), 0);
        model.onMessage(msg("/b", Values.of(1L), "x", "x"), 10);
        model.onMessage(msg("/c", Values.of(1L), "x", "x"), 20);
        String topics = model.snapshot(30, SELF, "dash", self()).getAsJsonArray("topics").toString();
        assertFalse(topics.contains("\"/a\""), topics);
        assertTrue(topics.contains("\"/c\""), topics);
    }
}

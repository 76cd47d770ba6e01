package org.motormesh.proto;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.motormesh.proto.v1.Ack;
import org.motormesh.proto.v1.Bye;
import org.motormesh.proto.v1.Frame;
import org.motormesh.proto.v1.Heartbeat;
import org.motormesh.proto.v1.Hello;
import org.motormesh.proto.v1.PeerAddress;
import org.motormesh.proto.v1.Publish;
import org.motormesh.proto.v1.Qos;
import org.motormesh.proto.v1.Value;

/**
 * Produces the golden vectors under proto/golden/: for each case the exact datagram ({@code NAME.bin}) and a
 * JSON description of what it encodes ({@code NAME.json}). Both codecs (Java, MicroPython) are tested against
 * them. Run {@code ./mvnw -q -pl proto test-compile exec:java} after a schema change.
 */
public final class GoldenVectors {
    /** The group key of every signed vector. */
    public static final String GROUP_KEY = "classroom-key";
    /** The receiver every unicast vector other than a first-contact Hello is addressed to ({@code dest_id}). */
    public static final String DEST_ID = "c0ffee000002";

    /** One vector: the frame, whether it is signed, and for rejects the corruption and expected reason. */
    public record Vector(String name, String description, Frame frame, boolean signed,
                         Corruption corruption, DropReason reason) {
        byte[] datagram() {
            byte[] bytes = new FrameEncoder(signed ? new FrameAuthenticator(GROUP_KEY) : null).encode(frame);
            return corruption == null ? bytes : corruption.apply(bytes);
        }

        boolean accepted() {
            return reason == null;
        }
    }

    /** How a reject vector spoils a good datagram. */
    public interface Corruption {
        byte[] apply(byte[] good);
    }

    private GoldenVectors() {
    }

    public static List<Vector> all() {
        List<Vector> v = new ArrayList<>();
        for (boolean signed : new boolean[] {false, true}) {
            String suffix = signed ? "_signed" : "";
            v.add(ok("hello" + suffix, "first-contact Hello (no dest_id) with subscriptions and a known peer", hello(), signed));
            v.add(ok("heartbeat" + suffix, "Heartbeat echoing a peer's send time", heartbeat(false), signed));
            v.add(ok("heartbeat_probe" + suffix, "Heartbeat probing a silent peer (asks for one back)",
                    heartbeat(true), signed));
            v.add(ok("beacon" + suffix, "Beacon on the scouting group: Hello of a board without DNS-SD",
                    beacon(), signed));
            v.add(ok("publish_integer" + suffix, "QoS 0 publish of an integer angle", publish("/SM/motor-1/angle",
                    Value.newBuilder().setInteger(90).build(), Qos.QOS_LATEST, 7), signed));
            v.add(ok("publish_acked" + suffix, "QoS 1 publish of a text value", publish("/LEGO",
                    Value.newBuilder().setText("hello, motors").build(), Qos.QOS_ACKED, 8), signed));
            v.add(ok("ack" + suffix, "Ack of message 8", to(5).setAck(Ack.newBuilder().setMessageId(8)
                    .setEchoTimeUs(1_700_000_000_123_456L)).build(), signed));
            v.add(ok("bye" + suffix, "Bye on clean shutdown", to(6).setBye(Bye.getDefaultInstance()).build(),
                    signed));
        }
        v.add(ok("publish_negative_integer", "integer values are zig-zag encoded", publish("/te/light",
                Value.newBuilder().setInteger(-1234567890123L).build(), Qos.QOS_LATEST, 9), false));
        v.add(ok("publish_number", "double value", publish("/SM/accel",
                Value.newBuilder().setNumber(-0.5).build(), Qos.QOS_LATEST, 10), false));
        v.add(ok("publish_boolean", "boolean value", publish("/button",
                Value.newBuilder().setBoolean(true).build(), Qos.QOS_LATEST, 11), false));
        v.add(ok("publish_bytes", "bytes value", publish("/raw",
                Value.newBuilder().setData(ByteString.copyFrom(new byte[] {0, 1, (byte) 0xfe, (byte) 0xff}))
                        .build(), Qos.QOS_LATEST, 12), false));
        v.add(ok("publish_json", "JSON object value, from the channel", publish("/controller/data",
                Value.newBuilder().setJson("{\"angle\":[1,2.5,\"x\"],\"on\":null}").build(), Qos.QOS_ACKED, 13)
                .toBuilder().setPublish(Publish.newBuilder().setTopic("/controller/data").setQos(Qos.QOS_ACKED)
                        .setMessageId(13).setFromChannel(true)
                        .setValue(Value.newBuilder().setJson("{\"angle\":[1,2.5,\"x\"],\"on\":null}"))).build(),
                false));
        v.add(ok("publish_empty_text", "empty text is still a text value", publish("/empty",
                Value.newBuilder().setText("").build(), Qos.QOS_LATEST, 14), false));
        Frame pub = publish("/SM/motor-1/angle", Value.newBuilder().setInteger(90).build(), Qos.QOS_LATEST, 7);
        v.add(reject("reject_bad_tag", "last tag byte flipped", pub, true,
                b -> flip(b, b.length - 1), DropReason.BAD_TAG));
        v.add(reject("reject_body_tampered", "a body byte flipped under a good tag", pub, true,
                b -> flip(b, 6), DropReason.BAD_TAG));
        v.add(reject("reject_unsigned_with_key", "no tag while the receiver has the group key", pub, false,
                null, DropReason.UNSIGNED));
        v.add(reject("reject_truncated", "three bytes", pub, false, b -> java.util.Arrays.copyOf(b, 3),
                DropReason.TRUNCATED));
        v.add(reject("reject_bad_magic", "starts with XX", pub, false, b -> set(b, 0, 'X'), DropReason.BAD_MAGIC));
        v.add(reject("reject_bad_version", "version 2", pub, false, b -> set(b, 2, 2), DropReason.BAD_VERSION));
        v.add(reject("reject_unknown_flags", "flag bit 0x80", pub, false, b -> set(b, 3, 0x80),
                DropReason.BAD_FLAGS));
        v.add(reject("reject_body_garbage", "body cut mid-field", pub, false,
                b -> java.util.Arrays.copyOf(b, b.length - 2), DropReason.UNPARSEABLE));
        v.add(reject("reject_oversized", "1201 bytes", pub, false, b -> java.util.Arrays.copyOf(b, 1201),
                DropReason.OVERSIZED));
        return v;
    }

    /** Whether the receiver of this vector holds the group key. */
    public static boolean receiverHasKey(Vector v) {
        return v.signed() || v.reason() == DropReason.UNSIGNED;
    }

    private static Vector ok(String name, String description, Frame frame, boolean signed) {
        return new Vector(name, description, frame, signed, null, null);
    }

    private static Vector reject(String name, String description, Frame frame, boolean signed,
                                 Corruption corruption, DropReason reason) {
        return new Vector(name, description, frame, signed, corruption, reason);
    }

    private static Frame.Builder frame(long seq) {
        return Frame.newBuilder().setSenderId("5eed00c0ffee").setBootEpoch(3).setSeq(seq)
                .setSentTimeUs(1_700_000_000_000_000L + seq);
    }

    /** A unicast frame's envelope: addressed to {@link #DEST_ID}. */
    private static Frame.Builder to(long seq) {
        return frame(seq).setDestId(DEST_ID);
    }

    private static Frame hello() {
        return frame(1).setHello(Hello.newBuilder().setName("motor-1").setRole("motor").setPort(47000)
                .setProtocolVersion(3).addSubscriptions("/SM/").addSubscriptions("/LEGO")
                .addPeers(PeerAddress.newBuilder().setNodeId("0badcafe0001").setName("motor-2")
                        .setHost("127.0.0.1").setPort(47001))
                .setReplyRequested(true).setBeaconMs(3000).setDnssd(true)).build();
    }

    private static Frame beacon() {
        return frame(4).setHello(Hello.newBuilder().setName("motor-1a2b3c").setRole("motor").setPort(47000)
                .setProtocolVersion(3).addSubscriptions("/SM/motor-9f00/angle").setBeaconMs(1000)).build();
    }

    private static Frame heartbeat(boolean probe) {
        return to(probe ? 3 : 2).setHeartbeat(Heartbeat.newBuilder().setEchoTimeUs(1_700_000_000_000_042L)
                .setEchoDelayUs(150).setReplyRequested(probe)).build();
    }

    private static Frame publish(String topic, Value value, Qos qos, long id) {
        return to(id).setPublish(Publish.newBuilder().setTopic(topic).setValue(value).setQos(qos)
                .setMessageId(id)).build();
    }

    private static byte[] flip(byte[] b, int index) {
        b[index] ^= 0x01;
        return b;
    }

    private static byte[] set(byte[] b, int index, int value) {
        b[index] = (byte) value;
        return b;
    }

    /** The JSON description of a vector, as written next to its .bin file. */
    public static String describe(Vector v) throws IOException {
        String frameJson = JsonFormat.printer().preservingProtoFieldNames().omittingInsignificantWhitespace()
                .print(v.frame());
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"name\": \"").append(v.name()).append("\",\n");
        json.append("  \"description\": \"").append(v.description()).append("\",\n");
        json.append("  \"signed\": ").append(v.signed()).append(",\n");
        json.append("  \"group_key\": ").append(receiverHasKey(v) ? "\"" + GROUP_KEY + "\"" : "null").append(",\n");
        json.append("  \"expect\": \"").append(v.accepted() ? "accept" : "reject").append("\",\n");
        if (!v.accepted()) {
            json.append("  \"reason\": \"").append(v.reason()).append("\",\n");
        }
        json.append("  \"hex\": \"").append(HexFormat.of().formatHex(v.datagram())).append("\",\n");
        json.append("  \"frame\": ").append(frameJson).append("\n}\n");
        return json.toString();
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "proto/golden");
        Files.createDirectories(dir);
        for (Vector v : all()) {
            Files.write(dir.resolve(v.name() + ".bin"), v.datagram());
            Files.writeString(dir.resolve(v.name() + ".json"), describe(v), StandardCharsets.UTF_8);
        }
        System.out.println("wrote " + all().size() + " golden vectors to " + dir.toAbsolutePath());
    }
}

package org.motormesh.discovery;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Encodes the DNS-SD records of motormesh services into mDNS response packets (RFC 6762/6763): PTR, SRV, TXT and
 * A for each service, without name compression, several services per packet up to {@link #MAX_PACKET} bytes.
 * Stateless.
 */
final class DnsRecords {
    /** One service to describe: instance name, its host's address, UDP port and TXT pairs. */
    record Service(String instance, Inet4Address address, int port, Map<String, String> txt) {
    }

    static final int MAX_PACKET = 1400;
    static final int TYPE_A = 1;
    static final int TYPE_PTR = 12;
    static final int TYPE_TXT = 16;
    static final int TYPE_SRV = 33;
    static final int TYPE_ANY = 255;
    /** RFC 6762 §10: host-name records 120 s, the others 75 minutes. */
    static final int HOST_TTL_S = 120;
    static final int OTHER_TTL_S = 4500;
    private static final int CLASS_IN = 1;
    private static final int CACHE_FLUSH = 0x8000;

    private DnsRecords() {
    }

    /** Responses describing {@code services}; {@code goodbye} sets every TTL to 0. */
    static List<byte[]> responses(String serviceType, List<Service> services, boolean goodbye) {
        List<byte[]> packets = new ArrayList<>();
        List<byte[]> records = new ArrayList<>();
        int size = 12;
        for (Service service : services) {
            byte[] block = describe(serviceType, service, goodbye);
            if (size + block.length > MAX_PACKET && !records.isEmpty()) {
                packets.add(packet(records));
                records.clear();
                size = 12;
            }
            records.add(block);
            size += block.length;
        }
        if (!records.isEmpty()) {
            packets.add(packet(records));
        }
        return packets;
    }

    /** The instance's full name, {@code <instance>.<serviceType>}. */
    static String instanceName(String serviceType, String instance) {
        return instance + "." + serviceType;
    }

    /** The host name the SRV record points at, {@code <instance>.local}. */
    static String hostName(String instance) {
        return instance + ".local";
    }

    private static byte[] packet(List<byte[]> blocks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(MAX_PACKET);
        int answers = blocks.size() * 4;
        out.writeBytes(new byte[] {0, 0, (byte) 0x84, 0, 0, 0, (byte) (answers >> 8), (byte) answers, 0, 0, 0, 0});
        for (byte[] block : blocks) {
            out.writeBytes(block);
        }
        return out.toByteArray();
    }

    private static byte[] describe(String serviceType, Service service, boolean goodbye) {
        String full = instanceName(serviceType, service.instance());
        String host = hostName(service.instance());
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        int hostTtl = goodbye ? 0 : HOST_TTL_S;
        int otherTtl = goodbye ? 0 : OTHER_TTL_S;
        ByteArrayOutputStream rdata = new ByteArrayOutputStream(128);
        writeName(rdata, full);
        record(out, serviceType, TYPE_PTR, 0, otherTtl, rdata.toByteArray());
        rdata.reset();
        rdata.writeBytes(new byte[] {0, 0, 0, 0, (byte) (service.port() >> 8), (byte) service.port()});
        writeName(rdata, host);
        record(out, full, TYPE_SRV, CACHE_FLUSH, hostTtl, rdata.toByteArray());
        rdata.reset();
        for (Map.Entry<String, String> pair : service.txt().entrySet()) {
            byte[] text = (pair.getKey() + "=" + pair.getValue()).getBytes(StandardCharsets.UTF_8);
            int length = Math.min(text.length, 255);
            rdata.write(length);
            rdata.write(text, 0, length);
        }
        if (rdata.size() == 0) {
            rdata.write(0);
        }
        record(out, full, TYPE_TXT, CACHE_FLUSH, otherTtl, rdata.toByteArray());
        record(out, host, TYPE_A, CACHE_FLUSH, hostTtl, service.address().getAddress());
        return out.toByteArray();
    }

    private static void record(ByteArrayOutputStream out, String name, int type, int flush, int ttl, byte[] rdata) {
        writeName(out, name);
        int klass = CLASS_IN | flush;
        out.writeBytes(new byte[] {(byte) (type >> 8), (byte) type, (byte) (klass >> 8), (byte) klass,
                (byte) (ttl >>> 24), (byte) (ttl >> 16), (byte) (ttl >> 8), (byte) ttl,
                (byte) (rdata.length >> 8), (byte) rdata.length});
        out.writeBytes(rdata);
    }

    /** Writes a dotted name as length-prefixed labels (a name given with or without its final dot). */
    static void writeName(ByteArrayOutputStream out, String name) {
        for (String label : name.split("\\.")) {
            if (!label.isEmpty()) {
                byte[] bytes = label.getBytes(StandardCharsets.UTF_8);
                int length = Math.min(bytes.length, 63);
                out.write(length);
                out.write(bytes, 0, length);
            }
        }
        out.write(0);
    }
}

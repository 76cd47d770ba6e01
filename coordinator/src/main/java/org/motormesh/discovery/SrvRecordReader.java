package org.motormesh.discovery;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds the SRV records of one service type in a raw mDNS packet (query or response, any section), with every read
 * bounded: record counts, name length, compression pointers (followed in a loop, at most 16), and rdata lengths.
 * A malformed packet yields what was read before the fault, never an exception or a hang. Stateless.
 */
final class SrvRecordReader {
    /** One SRV record of the service type: the instance name and its port. */
    record Srv(String instance, int port) {
    }

    private static final int TYPE_SRV = 33;
    private static final int MAX_RECORDS = 64;
    private static final int MAX_NAME = 255;
    private static final int MAX_JUMPS = 16;

    private SrvRecordReader() {
    }

    /** SRV records whose owner is {@code <instance>.<serviceType>} ({@code serviceType} without the final dot). */
    static List<Srv> read(byte[] packet, int length, String serviceType) {
        List<Srv> found = new ArrayList<>();
        if (length < 12 || length > packet.length) {
            return found;
        }
        String suffix = "." + serviceType.toLowerCase(Locale.ROOT);
        int questions = u16(packet, 4);
        int records = u16(packet, 6) + u16(packet, 8) + u16(packet, 10);
        if (questions > MAX_RECORDS || records > MAX_RECORDS) {
            return found;
        }
        int[] at = {12};
        for (int q = 0; q < questions; q++) {
            if (readName(packet, length, at) == null || (at[0] += 4) > length) {
                return found;
            }
        }
        for (int r = 0; r < records; r++) {
            String owner = readName(packet, length, at);
            if (owner == null || at[0] + 10 > length) {
                return found;
            }
            int type = u16(packet, at[0]);
            int rdLength = u16(packet, at[0] + 8);
            int rdata = at[0] + 10;
            if (rdata + rdLength > length) {
                return found;
            }
            String lower = owner.toLowerCase(Locale.ROOT);
            if (type == TYPE_SRV && rdLength >= 7 && lower.endsWith(suffix) && lower.length() > suffix.length()) {
                found.add(new Srv(owner.substring(0, owner.length() - suffix.length()), u16(packet, rdata + 4)));
            }
            at[0] = rdata + rdLength;
        }
        return found;
    }

    /** Reads a possibly compressed name at {@code at[0]}, advancing it past the name; null when malformed. */
    static String readName(byte[] p, int length, int[] at) {
        StringBuilder name = new StringBuilder();
        int pos = at[0];
        int end = -1;
        for (int jumps = 0; ; ) {
            if (pos >= length) {
                return null;
            }
            int len = p[pos] & 0xff;
            if (len == 0) {
                at[0] = end < 0 ? pos + 1 : end;
                return name.toString();
            }
            if ((len & 0xc0) == 0xc0) {
                if (pos + 1 >= length || ++jumps > MAX_JUMPS) {
                    return null;
                }
                if (end < 0) {
                    end = pos + 2;
                }
                pos = ((len & 0x3f) << 8) | (p[pos + 1] & 0xff);
                continue;
            }
            if ((len & 0xc0) != 0 || pos + 1 + len > length || name.length() + len + 1 > MAX_NAME) {
                return null;
            }
            if (name.length() > 0) {
                name.append('.');
            }
            name.append(new String(p, pos + 1, len, StandardCharsets.UTF_8));
            pos += 1 + len;
        }
    }

    private static int u16(byte[] p, int i) {
        return ((p[i] & 0xff) << 8) | (p[i + 1] & 0xff);
    }
}

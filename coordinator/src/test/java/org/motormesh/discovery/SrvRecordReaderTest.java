package org.motormesh.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SrvRecordReaderTest {
    private static final String TYPE = "_motormesh._udp.local";

    /** A probe as JmDNS and the ESP32 responder send it: question ANY, SRV in the authority section. */
    private static byte[] probe(String instance, int port, boolean compressed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0});
        int nameAt = out.size();
        name(out, instance + "." + TYPE);
        out.writeBytes(new byte[] {0, (byte) 255, (byte) 0x80, 1});
        if (compressed) {
            out.writeBytes(new byte[] {(byte) (0xc0 | (nameAt >> 8)), (byte) nameAt});
        } else {
            name(out, instance + "." + TYPE);
        }
        out.writeBytes(new byte[] {0, 33, 0, 1, 0, 0, 0, 120});
        ByteArrayOutputStream rdata = new ByteArrayOutputStream();
        rdata.writeBytes(new byte[] {0, 0, 0, 0, (byte) (port >> 8), (byte) port});
        name(rdata, "host.local");
        out.writeBytes(new byte[] {0, (byte) rdata.size()});
        out.writeBytes(rdata.toByteArray());
        return out.toByteArray();
    }

    private static void name(ByteArrayOutputStream out, String name) {
        for (String label : name.split("\\.")) {
            byte[] b = label.getBytes(StandardCharsets.UTF_8);
            out.write(b.length);
            out.writeBytes(b);
        }
        out.write(0);
    }

    @Test
    void shouldFindTheSrvOfAProbeWithOrWithoutCompression() {
        for (boolean compressed : new boolean[] {false, true}) {
            byte[] p = probe("motor-3", 47003, compressed);
            assertEquals(List.of(new SrvRecordReader.Srv("motor-3", 47003)), SrvRecordReader.read(p, p.length, TYPE));
        }
    }

    @Test
    void shouldIgnoreOtherServiceTypes() {
        byte[] p = probe("printer", 631, true);
        assertTrue(SrvRecordReader.read(p, p.length, "_ipp._tcp.local").isEmpty());
        assertTrue(SrvRecordReader.read(p, p.length, "_other._udp.local").isEmpty());
    }

    @Test
    void shouldRejectAPointerLoopWithoutHanging() {
        byte[] loop = {(byte) 0xc0, 0};
        assertNull(SrvRecordReader.readName(loop, loop.length, new int[] {0}));
        byte[] twoStep = {(byte) 0xc0, 2, (byte) 0xc0, 0};
        assertNull(SrvRecordReader.readName(twoStep, twoStep.length, new int[] {0}));
    }

    @Test
    void shouldRejectAPointerPastTheEndAndATruncatedLabel() {
        byte[] past = {(byte) 0xc3, (byte) 0xff};
        assertNull(SrvRecordReader.readName(past, past.length, new int[] {0}));
        byte[] cut = {10, 'a', 'b'};
        assertNull(SrvRecordReader.readName(cut, cut.length, new int[] {0}));
    }

    @Test
    void shouldReturnNothingForAbsurdCountsOrTruncation() {
        byte[] p = probe("motor-3", 47003, true);
        byte[] absurd = p.clone();
        absurd[10] = (byte) 0xff;
        assertTrue(SrvRecordReader.read(absurd, absurd.length, TYPE).isEmpty());
        for (int n = 0; n < p.length; n++) {
            assertTrue(SrvRecordReader.read(p, n, TYPE).isEmpty(), "cut at " + n);
        }
    }

    @Test
    void shouldSurviveRandomGarbage() {
        Random random = new Random(11);
        byte[] good = probe("motor-3", 47003, true);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = i % 2 == 0 ? new byte[random.nextInt(600)] : good.clone();
            if (i % 2 == 0) {
                random.nextBytes(junk);
            } else {
                junk[random.nextInt(junk.length)] = (byte) random.nextInt(256);
            }
            SrvRecordReader.read(junk, junk.length, TYPE);
        }
    }
}

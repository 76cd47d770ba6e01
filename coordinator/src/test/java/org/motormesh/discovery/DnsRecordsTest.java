package org.motormesh.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The proxy's DNS-SD records and question reader: round trips through the bounded readers, garbage survived. */
class DnsRecordsTest {
    private static final String TYPE = "_motormesh._udp.local";

    @Test
    void shouldEncodeRecordsThatTheSrvReaderReadsBack() throws Exception {
        Inet4Address host = (Inet4Address) InetAddress.getByName("10.0.0.7");
        List<DnsRecords.Service> services = List.of(
                new DnsRecords.Service("motor-1a2b", host, 47000, Map.of("v", "2", "id", "abc", "role", "motor")),
                new DnsRecords.Service("motor-3c4d", host, 47001, Map.of("v", "2")));
        List<byte[]> packets = DnsRecords.responses(TYPE, services, false);
        assertEquals(1, packets.size());
        byte[] p = packets.get(0);
        assertEquals(List.of(new SrvRecordReader.Srv("motor-1a2b", 47000), new SrvRecordReader.Srv("motor-3c4d", 47001)),
                SrvRecordReader.read(p, p.length, TYPE));
        assertEquals(8, ((p[6] & 0xff) << 8) | (p[7] & 0xff), "PTR, SRV, TXT and A for each");
    }

    @Test
    void shouldSplitManyServicesIntoPacketsThatFit() throws Exception {
        Inet4Address host = (Inet4Address) InetAddress.getByName("10.0.0.7");
        List<DnsRecords.Service> many = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            many.add(new DnsRecords.Service("motor-" + i, host, 47000 + i, Map.of("v", "2", "id", "id" + i)));
        }
        int found = 0;
        for (byte[] packet : DnsRecords.responses(TYPE, many, true)) {
            assertTrue(packet.length <= DnsRecords.MAX_PACKET, "packet of " + packet.length + " bytes");
            found += SrvRecordReader.read(packet, packet.length, TYPE).size();
        }
        assertEquals(40, found);
    }

    @Test
    void shouldReadTheQuestionOfAQueryAndNoneOfAResponse() throws Exception {
        byte[] query = MdnsQuery.build(TYPE + ".");
        assertEquals(List.of(new DnsQuestions.Question(TYPE, DnsRecords.TYPE_PTR)),
                DnsQuestions.read(query, query.length));
        byte[] response = DnsRecords.responses(TYPE, List.of(new DnsRecords.Service("m",
                (Inet4Address) InetAddress.getByName("10.0.0.7"), 1, Map.of())), false).get(0);
        assertEquals(List.of(), DnsQuestions.read(response, response.length));
    }

    @Test
    void shouldSurviveGarbageAndTruncation() {
        Random random = new Random(11);
        byte[] query = MdnsQuery.build(TYPE + ".");
        for (int cut = 0; cut <= query.length; cut++) {
            assertTrue(DnsQuestions.read(query, cut).size() <= 1);
        }
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[random.nextInt(600)];
            random.nextBytes(junk);
            if (junk.length > 2) {
                junk[2] &= 0x7f;
            }
            assertTrue(DnsQuestions.read(junk, junk.length).size() <= 32);
        }
    }
}

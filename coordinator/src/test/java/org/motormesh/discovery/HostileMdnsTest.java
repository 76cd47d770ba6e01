package org.motormesh.discovery;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.motormesh.node.Loopback;

/**
 * Issue 11.5 with real JmDNS on loopback: a flood of made-up instance names (PTR, SRV, TXT and A each, as a
 * responder sends them) must leave the discovery bounded and working: JmDNS's record cache stays under its cap, the
 * heap does not follow the flood, and a real peer announced afterwards is still reported. Before (issue): 16,000
 * names at 200/s grew a node's heap to 104 MB. {@code -Dmotormesh.mdnsflood.names=N} and {@code .rate=N} (names a
 * second) change the flood.
 */
class HostileMdnsTest {
    private static final int NAMES = Integer.getInteger("motormesh.mdnsflood.names", 8_000);
    /** Names a second: slow enough that JmDNS takes them all in (a faster flood mostly overflows its socket). */
    private static final int RATE = Integer.getInteger("motormesh.mdnsflood.rate", 2_000);
    private static final InetSocketAddress MDNS_GROUP = new InetSocketAddress("224.0.0.251", 5353);

    @Test
    void shouldStayBoundedAndKeepFindingPeersUnderAFloodOfNames() throws Exception {
        Loopback.ensureMulticast();
        String run = Long.toHexString(System.nanoTime() & 0xfffff);
        Inet4Address lo = (Inet4Address) InetAddress.getByName("127.0.0.1");
        String legit = "legit-" + run;
        LongAdder reports = new LongAdder();
        AtomicLong legitAtNs = new AtomicLong();
        try (MdnsDiscovery discovery = new MdnsDiscovery(lo, "victim-" + run, 40_001, Map.of("v", "3"),
                (instance, at, txt) -> {
                    reports.increment();
                    if (instance.equals(legit)) {
                        legitAtNs.compareAndSet(0, System.nanoTime());
                    }
                });
             DatagramSocket sender = new DatagramSocket(new InetSocketAddress(lo, 0))) {
            discovery.start();
            Loopback.await(() -> discovery.cachedNames() > 0, 10_000, "JmDNS to start");
            long heapBefore = usedHeapAfterGc();
            long t0 = System.nanoTime();
            int peakCache = 0;
            for (int i = 0; i < NAMES; i += 8) {
                List<DnsRecords.Service> batch = new ArrayList<>();
                for (int j = i; j < Math.min(NAMES, i + 8); j++) {
                    batch.add(new DnsRecords.Service("evil-" + run + "-" + j,
                            (Inet4Address) InetAddress.getByName("127.0." + (j / 250 % 250) + "." + (j % 250 + 1)),
                            20_000 + j % 40_000, Map.of("v", "3", "id", String.format("%012x", j))));
                }
                for (byte[] packet : DnsRecords.responses(MdnsDiscovery.SERVICE_TYPE, batch, false)) {
                    sender.send(new DatagramPacket(packet, packet.length, MDNS_GROUP));
                }
                long due = t0 + (long) (i + 8) * 1_000_000_000L / RATE;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                peakCache = Math.max(peakCache, discovery.cachedNames());
            }
            long floodMs = (System.nanoTime() - t0) / 1_000_000;
            Thread.sleep(2_000);
            peakCache = Math.max(peakCache, discovery.cachedNames());
            long heapAfter = usedHeapAfterGc();

            long legitSentNs = System.nanoTime();
            List<byte[]> real = DnsRecords.responses(MdnsDiscovery.SERVICE_TYPE, List.of(new DnsRecords.Service(legit,
                    lo, 40_002, Map.of("v", "3", "id", "0000000fab1e"))), false);
            for (int k = 0; k < 3 && legitAtNs.get() == 0; k++) {
                for (byte[] packet : real) {
                    sender.send(new DatagramPacket(packet, packet.length, MDNS_GROUP));
                }
                Thread.sleep(1_000);
            }
            long legitMs = legitAtNs.get() == 0 ? -1 : (legitAtNs.get() - legitSentNs) / 1_000_000;
            System.out.printf("mDNS flood of %d names in %d ms: JmDNS cache peak %d names (cap %d), %d now; heap "
                            + "%.1f -> %.1f MB; %d reports passed the gate, %d refused; a real peer announced after: "
                            + "reported in %d ms; cache cleared %d times%n", NAMES, floodMs, peakCache,
                    MdnsDiscovery.MAX_CACHED_NAMES, discovery.cachedNames(), heapBefore / 1e6, heapAfter / 1e6,
                    reports.sum(), discovery.refused(), legitMs, discovery.cacheCleared());
            assertTrue(legitMs >= 0, "the real peer announced after the flood was not reported");
            assertTrue(peakCache <= MdnsDiscovery.MAX_CACHED_NAMES + NAMES / 4,
                    "JmDNS cache grew with the flood: " + peakCache + " names");
            assertTrue(discovery.cachedNames() <= MdnsDiscovery.MAX_CACHED_NAMES,
                    "JmDNS cache still over its cap: " + discovery.cachedNames());
            assertTrue(heapAfter - heapBefore < 16_000_000L,
                    "heap grew by " + (heapAfter - heapBefore) / 1_000_000 + " MB");
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}

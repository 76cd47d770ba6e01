package org.motormesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.junit.jupiter.api.Test;
import org.motormesh.discovery.MdnsDiscovery;
import org.motormesh.mesh.MeshConfig;

/**
 * A board that cannot run DNS-SD (mDNS off here, as on stock firmware) is still listed by a plain JmDNS browser,
 * because a Java node publishes its records on its behalf; real JmDNS, real sockets, loopback.
 */
class DnssdProxyTest {

    @Test
    void shouldListABoardWithoutDnssdToAPlainBrowser() throws Exception {
        Loopback.ensureMulticast();
        String run = Long.toHexString(System.nanoTime() & 0xfffff);
        String board = "board-" + run;
        try (MeshNode laptop = Loopback.node("laptop-" + run).start();
             MeshNode motor = new MeshNode(MeshConfig.builder().name(board).role("motor")
                     .interfaceAddress("127.0.0.1").mdns(false).build()).start();
             JmDNS browser = JmDNS.create(InetAddress.getByName("127.0.0.1"), "browser-" + run)) {
            Loopback.await(() -> laptop.peers().stream().anyMatch(p -> p.name().equals(board) && !p.dnssd()),
                    10_000, "the laptop to meet the board on the scouting group");
            long t0 = System.nanoTime();
            Optional<ServiceInfo> found = Optional.empty();
            while (found.isEmpty() && System.nanoTime() - t0 < 10_000_000_000L) {
                found = Arrays.stream(browser.list(MdnsDiscovery.SERVICE_TYPE, 500))
                        .filter(s -> s.getName().equals(board)).findFirst();
            }
            System.out.printf("board listed after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            ServiceInfo info = found.orElseThrow(() -> new AssertionError(board + " was not listed"));
            assertEquals(motor.localAddress().getPort(), info.getPort());
            assertEquals(motor.id(), info.getPropertyString("id"));
            assertEquals("3", info.getPropertyString("v"));
        }
    }
}

package org.motormesh.mesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Addresses the network tells us are numeric or refused: never a name look-up on the event loop. */
class HostPortTest {

    @Test
    void shouldAcceptDottedAddressesAndValidPorts() {
        assertEquals(new InetSocketAddress("10.1.2.3", 47000), HostPort.numeric("10.1.2.3", 47000));
    }

    @Test
    void shouldRefuseNamesBadAddressesAndBadPorts() {
        for (String host : new String[] {"motor-1.local", "localhost", "256.1.1.1", "1.2.3", "1.2.3.4.5", "", "1..2.3",
                " 1.2.3.4", "0x1.2.3.4", null}) {
            assertNull(HostPort.numeric(host, 47000), String.valueOf(host));
        }
        for (int port : new int[] {0, -1, 65536, 70_000, Integer.MAX_VALUE}) {
            assertNull(HostPort.numeric("10.0.0.1", port), Integer.toString(port));
        }
    }
}

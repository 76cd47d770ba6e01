package org.motormesh.node;

import java.io.IOException;
import java.net.NetworkInterface;
import java.util.function.BooleanSupplier;
import org.motormesh.mesh.MeshConfig;

/** Test helpers for nodes on 127.0.0.1 with mDNS on the loopback interface. */
public final class Loopback {
    private Loopback() {
    }

    public static MeshNode node(String name) {
        return new MeshNode(MeshConfig.builder().name(name).interfaceAddress("127.0.0.1").build());
    }

    /** Multicast on lo must be on for mDNS on loopback; turn it on when we may (root), else fail clearly. */
    public static void ensureMulticast() throws IOException, InterruptedException {
        NetworkInterface lo = NetworkInterface.getByName("lo");
        if (lo != null && !lo.supportsMulticast()) {
            new ProcessBuilder("ip", "link", "set", "lo", "multicast", "on").inheritIO().start().waitFor();
            lo = NetworkInterface.getByName("lo");
            if (!lo.supportsMulticast()) {
                throw new IllegalStateException("multicast is off on lo; run: sudo ip link set lo multicast on");
            }
        }
    }

    public static void await(BooleanSupplier condition, long timeoutMs, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}

package org.motormesh.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.motormesh.it.ChildJvm;
import org.motormesh.node.Loopback;

/** The README's two shells, as processes: {@code sub /} prints what {@code pub /a 1} sends; {@code peers} lists. */
class CliTwoShellsIT {

    @Test
    void shouldPrintWhatAnotherShellPublishesAndListPeers() throws Exception {
        Loopback.ensureMulticast();
        String run = Long.toHexString(System.nanoTime() & 0xfffff);
        try (ChildJvm sub = new ChildJvm("sub", Main.class, "sub", "/cli" + run, "--interface", "127.0.0.1",
                "--name", "shell-sub-" + run, "-C", "2", "-W", "60")) {
            awaitListed("shell-sub-" + run);
            try (ChildJvm pub = new ChildJvm("pub", Main.class, "pub", "/cli" + run + "/a", "1", "--interface",
                    "127.0.0.1", "--json")) {
                assertTrue(pub.await("{", 30_000).text().contains("\"subscribers\":1"));
                assertEquals(0, pub.exitCode(10_000));
            }
            assertEquals("/cli" + run + "/a 1", sub.await("/cli" + run, 5_000).text());
            try (ChildJvm pub = new ChildJvm("pub2", Main.class, "pub", "/cli" + run + "/b", "{\"x\":[1,2]}",
                    "--interface", "127.0.0.1")) {
                assertEquals(0, pub.exitCode(30_000));
            }
            assertEquals("/cli" + run + "/b {\"x\":[1,2]}", sub.await("/cli" + run, 5_000).text());
            assertEquals(0, sub.exitCode(10_000), "sub -C 2 exits after two messages");
        }
    }

    /** Runs {@code peers} until it lists {@code name} (a just-started JVM needs a moment to be announced). */
    private static void awaitListed(String name) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try (ChildJvm peers = new ChildJvm("peers", Main.class, "peers", "--interface", "127.0.0.1")) {
                try {
                    assertTrue(peers.await(name, 15_000).text().contains(" node "));
                    assertEquals(0, peers.exitCode(10_000));
                    return;
                } catch (AssertionError e) {
                    if (attempt == 3) {
                        throw e;
                    }
                }
            }
        }
    }
}

package org.motormesh.mesh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Node names and ids: the id is the first 6 bytes of SHA-256 of the name, so a restarted node keeps it. */
public final class NodeIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private NodeIds() {
    }

    public static String fromName(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** A fresh name for nodes started without one, such as {@code node-4f2a}. */
    public static String defaultName() {
        return "node-" + HexFormat.of().toHexDigits((short) RANDOM.nextInt());
    }
}

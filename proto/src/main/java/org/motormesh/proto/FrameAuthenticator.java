package org.motormesh.proto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes and checks the frame tag: HMAC-SHA256 keyed with the UTF-8 group key, over header and body,
 * truncated to {@link FrameFormat#TAG_SIZE} bytes. Not thread safe: each owner (one event loop) has its own.
 */
public final class FrameAuthenticator {
    private final Mac mac;
    private final byte[] full = new byte[32];

    public FrameAuthenticator(String groupKey) {
        if (groupKey == null || groupKey.isEmpty()) {
            throw new IllegalArgumentException("group key must not be empty");
        }
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(groupKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable in this JVM", e);
        }
    }

    /** Writes the tag of {@code data[0..length)} into {@code out[outOffset..outOffset+16)}. */
    public void sign(byte[] data, int offset, int length, byte[] out, int outOffset) {
        compute(data, offset, length);
        System.arraycopy(full, 0, out, outOffset, FrameFormat.TAG_SIZE);
    }

    /** True when {@code tag[tagOffset..+16)} is the tag of the data; compares in constant time. */
    public boolean verify(byte[] data, int offset, int length, byte[] tag, int tagOffset) {
        compute(data, offset, length);
        int diff = 0;
        for (int i = 0; i < FrameFormat.TAG_SIZE; i++) {
            diff |= full[i] ^ tag[tagOffset + i];
        }
        return diff == 0;
    }

    private void compute(byte[] data, int offset, int length) {
        mac.update(data, offset, length);
        try {
            mac.doFinal(full, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

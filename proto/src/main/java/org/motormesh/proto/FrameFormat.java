package org.motormesh.proto;

/**
 * Constants of the datagram layout shared with the ESP32 client (see proto/FRAME.md).
 *
 * <pre>
 *  0      1      2         3
 * 'M'    'M'    version   flags   protobuf Frame ...   [16-byte tag when flags &amp; SIGNED]
 * </pre>
 */
public final class FrameFormat {
    /** First two bytes of every frame: ASCII "MM". */
    public static final byte MAGIC_0 = 'M';
    public static final byte MAGIC_1 = 'M';
    /** Version of the header and schema; bumped only on incompatible change. */
    public static final byte VERSION = 1;
    /** Flag bit: a 16-byte HMAC-SHA256 tag follows the body. */
    public static final int FLAG_SIGNED = 0x01;
    /** Flags this version understands; frames with other bits set are dropped. */
    public static final int KNOWN_FLAGS = FLAG_SIGNED;
    public static final int HEADER_SIZE = 4;
    public static final int TAG_SIZE = 16;
    /** No frame exceeds this, so Wi-Fi never fragments it. */
    public static final int MAX_FRAME_SIZE = 1200;
    /** Largest protobuf body a signed frame can carry. */
    public static final int MAX_BODY_SIZE = MAX_FRAME_SIZE - HEADER_SIZE - TAG_SIZE;
    /** Room a body leaves for the Frame envelope around its Hello or Publish (ids, counters, times). */
    public static final int ENVELOPE_ALLOWANCE = 80;
    /** Largest Hello or Publish a frame carries once the envelope is added. */
    public static final int MAX_MESSAGE_SIZE = MAX_BODY_SIZE - ENVELOPE_ALLOWANCE;

    private FrameFormat() {
    }
}

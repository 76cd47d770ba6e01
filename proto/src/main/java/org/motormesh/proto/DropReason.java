package org.motormesh.proto;

/** Why an inbound datagram was dropped; every drop is counted under one of these. */
public enum DropReason {
    /** Longer than {@link FrameFormat#MAX_FRAME_SIZE}. */
    OVERSIZED,
    /** Shorter than the header (and tag, when signed). */
    TRUNCATED,
    /** Does not start with "MM". */
    BAD_MAGIC,
    /** A header version this node does not speak. */
    BAD_VERSION,
    /** Flag bits this version does not define. */
    BAD_FLAGS,
    /** A group key is configured but the frame carries no tag. */
    UNSIGNED,
    /** The frame carries a tag but this node has no group key. */
    UNEXPECTED_TAG,
    /** The tag does not match the group key. */
    BAD_TAG,
    /** The body is not a valid protobuf Frame. */
    UNPARSEABLE,
    /** The body parsed but lacks a sender, a sequence number or a body. */
    INCOMPLETE,
    /** A sequence number already seen, or too old for the replay window. */
    REPLAYED,
    /** A boot epoch older than the newest seen from that sender. */
    STALE_EPOCH,
    /** A frame naming this node itself as sender (our own echo). */
    OWN_FRAME,
    /** A message this node cannot act on yet (for example a publish from an unknown peer). */
    UNEXPECTED,
    /** A stranger's Hello while the peer table is full. */
    TABLE_FULL,
    /**
     * Addressed to another node ({@code dest_id} set and not ours), or a unicast frame other than Hello that names
     * no destination: a frame captured on its way elsewhere.
     */
    MISDIRECTED;
}

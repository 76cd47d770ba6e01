package org.motormesh.bridge.mapping;

/** Why a channel frame was dropped; each drop is counted under one of these, never fatal. */
public enum ChannelDrop {
    /** Longer than the configured text cap. */
    TOO_LARGE,
    /** Not JSON, trailing garbage, or nested deeper than the cap. */
    MALFORMED,
    /** JSON, but not an object. */
    NOT_OBJECT,
    /** A data frame whose payload is missing or not a JSON object (directly or as a string). */
    BAD_PAYLOAD,
    /** The message has no string {@code topic}. */
    NO_TOPIC,
    /** A frame type this side does not act on (ignored, as the protocol asks). */
    UNKNOWN_TYPE;
}

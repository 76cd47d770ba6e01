package org.motormesh.mesh;

import com.google.protobuf.CodedOutputStream;
import org.motormesh.proto.FrameFormat;
import org.motormesh.proto.v1.Value;

/** How big one publish may be: the frame's room for a message, less the Publish's own fields. */
public final class PublishLimit {
    /** Largest Publish accepted, leaving room for the envelope and the tag. */
    public static final int MAX_PUBLISH_SIZE = FrameFormat.MAX_MESSAGE_SIZE;
    /** Most bytes qos, message id and from_channel can take in a Publish. */
    private static final int FIXED_FIELDS_MAX = 2 + 11 + 2;
    /** Room a JSON text leaves, beyond its topic, for the Publish's tags, lengths and fixed fields (generous). */
    private static final int JSON_FIELDS_ALLOWANCE = 100;

    private PublishLimit() {
    }

    /** Refuses a publish whose encoded size would not fit in one frame. */
    public static void check(String topic, Value value) {
        int size = CodedOutputStream.computeStringSize(1, topic) + CodedOutputStream.computeMessageSize(2, value)
                + FIXED_FIELDS_MAX;
        if (size > MAX_PUBLISH_SIZE) {
            throw new IllegalArgumentException("message on '" + topic + "' is " + size + " bytes; at most "
                    + MAX_PUBLISH_SIZE + " fit in one frame");
        }
    }

    /** Most characters of JSON text that surely fit in one publish on {@code topic}. */
    public static int maxJsonLength(String topic) {
        return MAX_PUBLISH_SIZE - topic.length() - JSON_FIELDS_ALLOWANCE;
    }
}

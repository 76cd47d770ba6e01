package org.motormesh.bridge.election;

/**
 * A bridge as the election sees it (from its DNS-SD TXT / Hello: id, prio, channel).
 *
 * @param nodeId the node id (lower-case hex)
 * @param priority higher wins
 * @param channel the channel URL it serves; only bridges of the same channel compete
 */
public record Candidate(String nodeId, int priority, String channel) {
}

package org.motormesh.bridge;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.motormesh.mesh.TokenBucket;

/**
 * The brake on the way down: a token bucket per channel client and topic (by default {@link #PER_TOPIC_PER_S}
 * a second, bursts of as many) and one per client (four times that), so one hostile page cannot flood the mesh
 * while every honest page and hub keeps its rate. Bounded: past {@link #MAX_BUCKETS} the least recently used
 * bucket is forgotten and counted. Time is passed in. Not thread safe: owned by the link's read thread.
 */
public final class DownRateLimit {
    static final int PER_TOPIC_PER_S = BridgeConfig.DEFAULT_DOWN_PER_TOPIC_PER_S;
    static final int PER_CLIENT_PER_S = 4 * PER_TOPIC_PER_S;
    static final int MAX_BUCKETS = 4096;

    private final Map<String, TokenBucket> buckets = new LinkedHashMap<>(64, 0.75f, true);
    private final int perTopic;
    private final int perClient;
    private long evicted;

    /** @param perTopicPerS messages a second per client and topic; 0 turns the brake off */
    public DownRateLimit(int perTopicPerS) {
        this.perTopic = perTopicPerS;
        this.perClient = 4 * perTopicPerS;
    }

    DownRateLimit() {
        this(PER_TOPIC_PER_S);
    }

    /** True when a message from {@code clientId} on {@code topic} may go down now. */
    public boolean allow(String clientId, String topic, long nowNs) {
        if (perTopic == 0) {
            return true;
        }
        TokenBucket client = bucket("c\u0000" + clientId, perClient, nowNs);
        TokenBucket topicBucket = bucket("t\u0000" + clientId + "\u0000" + topic, perTopic, nowNs);
        if (!topicBucket.tryTake(nowNs)) {
            return false;
        }
        if (!client.tryTake(nowNs)) {
            topicBucket.giveBack();
            return false;
        }
        return true;
    }

    /** Buckets forgotten because the table was full. */
    long evicted() {
        return evicted;
    }

    int size() {
        return buckets.size();
    }

    private TokenBucket bucket(String key, int rate, long nowNs) {
        TokenBucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= MAX_BUCKETS) {
                Iterator<TokenBucket> eldest = buckets.values().iterator();
                eldest.next();
                eldest.remove();
                evicted++;
            }
            bucket = new TokenBucket(rate, rate, nowNs);
            buckets.put(key, bucket);
        }
        return bucket;
    }
}

package org.motormesh.bridge;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

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

    private static final class Bucket {
        double tokens;
        long lastNs;

        Bucket(double tokens, long nowNs) {
            this.tokens = tokens;
            this.lastNs = nowNs;
        }

        boolean take(double ratePerS, long nowNs) {
            tokens = Math.min(ratePerS, tokens + (nowNs - lastNs) * ratePerS / 1e9);
            lastNs = nowNs;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }

    private final Map<String, Bucket> buckets = new LinkedHashMap<>(64, 0.75f, true);
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
        Bucket client = bucket("c\u0000" + clientId, perClient, nowNs);
        Bucket topicBucket = bucket("t\u0000" + clientId + "\u0000" + topic, perTopic, nowNs);
        if (!topicBucket.take(perTopic, nowNs)) {
            return false;
        }
        if (!client.take(perClient, nowNs)) {
            topicBucket.tokens += 1;
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

    private Bucket bucket(String key, int burst, long nowNs) {
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= MAX_BUCKETS) {
                Iterator<Bucket> eldest = buckets.values().iterator();
                eldest.next();
                eldest.remove();
                evicted++;
            }
            bucket = new Bucket(burst, nowNs);
            buckets.put(key, bucket);
        }
        return bucket;
    }
}

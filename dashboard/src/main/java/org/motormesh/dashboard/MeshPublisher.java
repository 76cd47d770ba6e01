package org.motormesh.dashboard;

import java.util.List;
import org.motormesh.proto.v1.Value;

/** Where the page's publishes go: the dashboard's own node. Safe from any thread. */
interface MeshPublisher {
    /** Publishes (latest-value QoS) and gives the names of the live peers subscribed to the topic. */
    List<String> publish(String topic, Value value);
}

package org.motormesh.mqtt.client;

import java.util.concurrent.CompletableFuture;

/**
 * One connection to an MQTT broker as the link uses it, whatever the protocol version: connect (and keep
 * reconnecting until stopped, with a clean session each time, subscriptions made again), publish, stop. Built by
 * {@link BrokerSessions}; the protocol is the HiveMQ client's.
 */
public interface BrokerSession {
    /** Connects in the background; the listener hears the outcome, and every later drop and reconnect. */
    void start();

    /** Publishes; the future completes when the broker has it (QoS 1: its PUBACK) or fails. */
    CompletableFuture<Void> publish(String topic, byte[] payload, boolean acked, boolean retain);

    /** Disconnects and stops reconnecting; waits at most a second or so. */
    void stop();
}

package org.motormesh.mqtt.client;

/**
 * One message the broker delivered to us.
 *
 * @param topic the MQTT topic
 * @param payload the bytes as published
 * @param acked published with QoS 1 or 2
 * @param retained delivered from the broker's retained store (a new subscription), not live
 * @param origin the room that published it through a motormesh link (MQTT 5 user property), or null
 */
public record Incoming(String topic, byte[] payload, boolean acked, boolean retained, String origin) {
}

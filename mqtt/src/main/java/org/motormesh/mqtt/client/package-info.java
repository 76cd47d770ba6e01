/**
 * The MQTT protocol, done by the HiveMQ client library (3.1.1 and 5, TCP and TLS, reconnects): one small
 * {@link org.motormesh.mqtt.client.BrokerSession} both versions implement, and the words for why a broker refused us.
 */
package org.motormesh.mqtt.client;

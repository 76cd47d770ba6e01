/**
 * The MQTT link: one elected node per mesh mirrors chosen topics to and from an MQTT broker (values as the channel's
 * JSON, latest values retained), reusing the bridge's election, outbox, failover shadow and value mapping.
 */
package org.motormesh.mqtt;

package org.motormesh.mqtt.client;

/** What a {@link BrokerSession} reports, from the client library's threads. */
public interface SessionListener {
    /** Connected (again) and subscribed: publishes may flow. */
    void onConnected();

    /** The connection dropped or an attempt failed; {@code why} is a sentence for the console. The client retries. */
    void onDisconnected(String why);

    /** A message arrived on one of our subscriptions. */
    void onMessage(Incoming message);
}

package org.motormesh.mesh;

/** Receives messages for a subscription; runs on the node's event loop, so it must not block. */
@FunctionalInterface
public interface MessageHandler {
    void onMessage(Message message);
}

package org.motormesh.bridge.link;

/** What the channel link reports. Implementations hand work to their own thread and never block. */
public interface LinkListener {
    /** The link is open (called on the link thread). */
    void onLinkUp();

    /** The link closed; a reconnect is scheduled while the link is started (called on the link thread). */
    void onLinkDown(String reason);

    /** An attempt was refused before the link opened; {@code why} says why in words and what to do. */
    default void onLinkRefused(String why) {
    }

    /** One text frame from the channel (called on the socket's read thread, in order). */
    void onChannelText(String text);
}

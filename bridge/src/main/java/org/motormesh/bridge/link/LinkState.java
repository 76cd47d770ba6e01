package org.motormesh.bridge.link;

/** Where the channel link is in its life. */
public enum LinkState {
    /** Not started, or stopped: no connection, none scheduled. */
    STOPPED,
    /** A connection attempt is under way. */
    CONNECTING,
    /** Connected: frames flow. */
    OPEN,
    /** Closed; the next attempt is scheduled after a back-off. */
    WAITING;

    /** The status line's word. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

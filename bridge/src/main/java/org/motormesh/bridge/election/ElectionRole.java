package org.motormesh.bridge.election;

/** What the election tells this bridge to do. */
public enum ElectionRole {
    /** Just started: listening for rival bridges before claiming the link. */
    SETTLING,
    /** Elected: holds the channel link. */
    ACTIVE,
    /** Another live bridge of the same channel ranks higher: no link. */
    STANDBY;
}

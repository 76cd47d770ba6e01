package org.motormesh.bridge.link;

/** Names a WebSocket close code for the counters and the status line. */
final class CloseReason {
    private CloseReason() {
    }

    /** {@code refused}, {@code lost}, {@code too_big}, {@code protocol}, {@code closed}, or {@code code_N}. */
    static String word(int code) {
        switch (code) {
            case -1: return "refused";      // never connected (TCP, TLS or upgrade failed)
            case 1006: return "lost";       // abnormal: no pong in time, or the socket dropped
            case 1009: return "too_big";    // a frame over the cap
            case 1002: return "protocol";   // a masked or otherwise invalid frame
            case 1000: case 1001: return "closed";
            default: return "code_" + code;
        }
    }
}

package org.motormesh.app;

import java.util.List;

/**
 * Sets up slf4j-simple before the first logger exists: time-stamped lines on stderr, quiet libraries.
 * Long-running verbs log at info; one-shot verbs (pub, sub, peers, ping) only warn, so stdout stays clean.
 */
final class Logging {
    private static final List<String> QUIET_VERBS = List.of("pub", "sub", "peers", "ping", "bench");

    private Logging() {
    }

    static void configure(String[] args) {
        boolean verbose = List.of(args).contains("-v") || List.of(args).contains("--verbose");
        boolean quiet = args.length > 0 && QUIET_VERBS.contains(args[0]);
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : quiet ? "warn" : "info");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        setDefault("org.slf4j.simpleLogger.log.javax.jmdns", "error");
        setDefault("org.slf4j.simpleLogger.log.org.jmdns", "error");
        setDefault("org.slf4j.simpleLogger.log.io.netty", "warn");
        // Java-WebSocket logs its own failures with stack traces; the channel link and server report them in context
        setDefault("org.slf4j.simpleLogger.log.org.java_websocket", "off");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}

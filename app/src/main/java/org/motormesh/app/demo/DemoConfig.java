package org.motormesh.app.demo;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Settings of one offline demo, validated once.
 *
 * @param motors simulated Smart Motors following the controller, the controller included (1 = controller only)
 * @param channel whether to run the embedded channel server, a bridge, the LEGO hub and the motor following it
 * @param httpPort the dashboard's TCP port (0: any free one)
 * @param channelPort the embedded channel server's TCP port (0: any free one)
 * @param suffix appended to every node name, so demos and tests sharing a loopback do not collide
 * @param hubPrintMs how often the LEGO hub prints what it heard
 */
public record DemoConfig(int motors, boolean channel, int httpPort, int channelPort, String suffix, long hubPrintMs) {
    public static final int DEFAULT_MOTORS = 4;
    /** Two classrooms' worth; the dashboard stays readable on a 1280x800 projector up to here. */
    public static final int MAX_MOTORS = 60;
    public static final long DEFAULT_HUB_PRINT_MS = 3000;

    /** Validates, quoting the bad value. */
    public DemoConfig {
        if (motors < 1 || motors > MAX_MOTORS) {
            throw new IllegalArgumentException("--motors must be 1 to " + MAX_MOTORS + " (a class of 30 is typical), was "
                    + motors);
        }
        for (int port : new int[] {httpPort, channelPort}) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
        }
        if (suffix == null || !suffix.matches("[a-z0-9]{1,8}")) {
            throw new IllegalArgumentException("name suffix must be 1 to 8 of a-z0-9, was '" + suffix + "'");
        }
        if (hubPrintMs < 100) {
            throw new IllegalArgumentException("hub print period must be at least 100 ms, was " + hubPrintMs);
        }
    }

    /** A random suffix of four hex digits. */
    public static String randomSuffix() {
        byte[] b = new byte[2];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}

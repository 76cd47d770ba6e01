package org.motormesh.mqtt;

import org.motormesh.bridge.UplinkProcessLoop;
import org.motormesh.mesh.MeshConfig;

/**
 * An MQTT link in its own JVM, so a test can SIGKILL it: {@code NAME BROKER_PORT PRIORITY SEED}. Prints {@code READY},
 * then {@code ROLE active|standby|settling LINK-STATE} on every change; "quit" on stdin closes it.
 */
public final class MqttLinkProcess {
    private MqttLinkProcess() {
    }

    public static void main(String[] args) throws Exception {
        MeshConfig.Builder mesh = MeshConfig.builder().name(args[0]).priority(Integer.parseInt(args[2]))
                .interfaceAddress("127.0.0.1").mdns(false).scoutPort(0).seedPeer(args[3]);
        MqttLinkNode link = MqttLinkNode.start(mesh, MqttLinkTest.config(Integer.parseInt(args[1]), 5).withSettleMs(2000),
                null);
        UplinkProcessLoop.run(() -> link.link().stats(), link::close);
    }
}

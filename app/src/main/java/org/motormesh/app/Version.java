package org.motormesh.app;

import org.motormesh.engine.MeshEngine;
import picocli.CommandLine;

/**
 * Reads the version from the jar manifest (Implementation-Version, the Maven project version written at
 * package time; "dev" when run from classes), shown by {@code --version}.
 */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"motormesh " + (v == null ? "dev" : v) + ", protocol v" + MeshEngine.PROTOCOL_VERSION
                + ", Java " + System.getProperty("java.version")};
    }
}

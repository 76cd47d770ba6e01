package org.motormesh.app;

import picocli.CommandLine;

/** Reads the version from the jar manifest (shown by {@code --version}). */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"motormesh " + (v == null ? "dev" : v) + ", protocol v1, Java "
                + System.getProperty("java.version")};
    }
}

/** The bridge's command-line verbs: {@code bridge}, {@code channel-server} and {@code bench bridge} (picocli), loaded by the motormesh command line as a plugin. */
package org.motormesh.bridge.cli;

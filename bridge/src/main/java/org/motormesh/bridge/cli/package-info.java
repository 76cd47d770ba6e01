/** The bridge's command-line verbs: {@code bridge}, {@code channel-server} and {@code bench bridge} (picocli). */
package org.motormesh.bridge.cli;

/** The bridge benchmark: added latency against a direct channel path, and sustained messages/s each way, on loopback. */
package org.motormesh.bridge.bench;

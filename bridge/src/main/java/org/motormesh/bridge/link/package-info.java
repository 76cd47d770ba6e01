/** The one WebSocket link to the channel: TLS trust, frame guards, liveness by ping, and one reconnect path with back-off. */
package org.motormesh.bridge.link;

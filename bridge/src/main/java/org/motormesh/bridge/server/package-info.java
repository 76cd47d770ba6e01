/** The embedded channel server: the classroom channel protocol served locally (ws:// or wss:// with a self-signed certificate) for offline use. */
package org.motormesh.bridge.server;

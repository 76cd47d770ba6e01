/** The bridge: wires the mesh node, the election, the outbox and the channel link on one loop thread; BridgeNode assembles one. */
package org.motormesh.bridge;

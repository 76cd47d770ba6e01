/** The top of the mesh library: MeshNode wires transport, engine and discovery, and hands every call to the node's event loop. */
package org.motormesh.node;

/** The public face of the mesh: one validated config, a MeshNode to start, publish, subscribe and observe. */
package org.motormesh.node;

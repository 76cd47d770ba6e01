/** The mesh verbs of the motormesh command (node, peers, pub, sub, ping): picocli commands over MeshNode. */
package org.motormesh.cli;

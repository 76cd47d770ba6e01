/** The motormesh command line: picocli verbs over MeshNode, extended by plugins from other modules. */
package org.motormesh.cli;

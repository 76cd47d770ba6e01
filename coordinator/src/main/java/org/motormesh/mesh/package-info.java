/** The vocabulary every layer of the mesh shares: messages, peer views, config, values and their JSON, handlers, stats, loops. */
package org.motormesh.mesh;

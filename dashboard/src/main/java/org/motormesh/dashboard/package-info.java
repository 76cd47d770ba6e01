/**
 * The live dashboard: a mesh node that listens to every topic and to the nodes' status reports, and a small
 * Netty HTTP server that streams a JSON snapshot of the mesh to a bundled page by server-sent events.
 */
package org.motormesh.dashboard;

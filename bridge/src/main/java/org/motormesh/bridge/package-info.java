/** The channel link and the embedded channel server: the mesh as seen from LEGO hubs and pages. */
package org.motormesh.bridge;

/** The motormesh command: Main lists every verb; the bridge, channel-server and dashboard verbs live here. */
package org.motormesh.app;

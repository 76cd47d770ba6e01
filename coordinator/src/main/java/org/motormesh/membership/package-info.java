/** Who is in the mesh: the peer table with leases, replay windows and round-trip times. */
package org.motormesh.membership;

/** Which bridge holds the channel link: a deterministic election over the live bridges of one channel, fed peer views. */
package org.motormesh.bridge.election;

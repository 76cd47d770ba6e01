/** The single-thread loops that own the bridge's and the link's state: creation and bounded shutdown. */
package org.motormesh.bridge.loop;

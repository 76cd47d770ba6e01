/** Counters shared by the bridge's parts: counts by reason, safe from any thread. */
package org.motormesh.bridge.stats;

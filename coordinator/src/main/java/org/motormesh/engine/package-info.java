/** The protocol state machine that owns peers, subscriptions and counters; fed frames and time, free of I/O libraries. */
package org.motormesh.engine;

/** What waits to go up to the channel: a bounded FIFO for outages and a per-topic rate coalescer; time is passed in. */
package org.motormesh.bridge.outbox;

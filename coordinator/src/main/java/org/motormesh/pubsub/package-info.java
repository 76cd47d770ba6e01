/** Topic prefixes, latest-value gating and acknowledged delivery: the pub/sub rules, free of I/O. */
package org.motormesh.pubsub;

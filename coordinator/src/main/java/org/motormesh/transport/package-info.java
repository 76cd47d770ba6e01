/** UDP datagrams over Netty (epoll when available): the event loop that owns the node state. */
package org.motormesh.transport;

/** The datagram format: fixed header, protobuf body, optional HMAC tag; encoders and decoders with size caps. */
package org.motormesh.proto;

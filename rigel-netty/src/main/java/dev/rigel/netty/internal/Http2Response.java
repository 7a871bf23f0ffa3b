package dev.rigel.netty.internal;

import io.netty.handler.codec.http2.Http2Headers;

/**
 * What one write of an HTTP/2 exchange puts on its stream: a HEADERS frame, DATA, or both, the
 * last of them ending the stream when {@code endStream}. Built on the application's thread,
 * written by {@link Http2StreamHandler} on the event loop straight into the connection's encoder
 * (no frame objects, no per-stream channel). The body stays a byte array until then, so a
 * response dropped on the way (the stream was reset meanwhile) holds nothing to release.
 *
 * @param headers the HEADERS frame's fields, or null for DATA only
 * @param body the DATA frame's payload, or null for HEADERS only
 * @param endStream whether the last frame written ends the stream
 */
record Http2Response(Http2Headers headers, byte[] body, boolean endStream) {}

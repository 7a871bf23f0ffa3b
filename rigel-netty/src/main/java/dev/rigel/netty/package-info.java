/**
 * Rigel's embedded HTTP server on Netty.
 *
 * <p>{@link dev.rigel.netty.RigelServer} serves any {@link dev.rigel.protocol.Application} over
 * HTTP/1.1 (keep-alive, pipelining, chunked bodies, {@code Expect: 100-continue}) and HTTP/2
 * (h2c by upgrade or prior knowledge, h2 over TLS via ALPN), configured by
 * {@link dev.rigel.netty.ServerConfig}. Everything in {@code dev.rigel.netty.internal} is
 * implementation.
 */
package dev.rigel.netty;

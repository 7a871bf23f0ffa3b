/**
 * Rigel's core protocol, the Java counterpart of ASGI.
 *
 * <p>An {@link dev.rigel.protocol.Application} is called once per connection-level exchange
 * (an HTTP request, or a WebSocket session) with a {@link dev.rigel.protocol.Scope} describing
 * it, a blocking {@link dev.rigel.protocol.Receive} for inbound {@link dev.rigel.protocol.Message}s
 * and a blocking {@link dev.rigel.protocol.Send} for outbound ones. Servers (Netty) and the
 * in-process test client are both only callers of this interface, so a test runs the same code
 * path as production. Middleware is an application that wraps another one.
 */
package dev.rigel.protocol;

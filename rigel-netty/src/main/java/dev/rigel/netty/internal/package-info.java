/**
 * Implementation of the Netty server; not API. Classes are public only where
 * {@link dev.rigel.netty.RigelServer} needs them across the package boundary, and nothing here
 * refers back to {@code dev.rigel.netty}: the server hands its configured values to
 * {@code Dispatcher} and {@code ServerInitializer}.
 *
 * <p>Map: {@code ServerInitializer} admits each connection ({@code ConnectionLimiter}) and
 * builds its pipeline; {@code Connection} holds per-connection state (idle, shutdown); {@code
 * Http1RequestDecoder} and {@code Http1ResponseEncoder} are the strict HTTP/1 codec, {@code
 * H2cPriorKnowledge} tells cleartext HTTP/2 from it; {@code Http1Handler} (with its parts {@code
 * Http1RequestReader}, {@code Http1ResponseWriter}, {@code Http1Rejection}, {@code
 * Http1ReadTimeout}, {@code Http1HeaderTimeout} and {@code Http1WebSocketHandOff}) and {@code
 * Http2StreamHandler} turn
 * requests into {@code HttpExchange}s, which are the {@code Receive}/{@code Send} an application
 * is called with, and serve as their {@code HttpExchangeHandler} for everything that touches the
 * channel; {@code BodyQueue} and {@code BodyBuffer} carry request bodies.
 */
package dev.rigel.netty.internal;

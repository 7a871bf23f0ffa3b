/**
 * WebSockets: the {@link dev.rigel.websocket.WebSocketConnection} handlers receive and send
 * through, {@link dev.rigel.WebSocketRoute} for lambda routes, and
 * {@link dev.rigel.websocket.CloseCodes}. Routes are declared with
 * {@link dev.rigel.annotation.WebSocket @WebSocket} (one call per connection) or
 * {@link dev.rigel.annotation.WebSocketListener @WebSocketListener} (one call per message); both
 * take guards, dependencies and middleware from their layers like HTTP routes.
 */
package dev.rigel.websocket;

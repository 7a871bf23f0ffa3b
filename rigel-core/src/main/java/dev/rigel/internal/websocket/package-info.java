/**
 * WebSocket routes at run time: the route plan, the connection, the WebSocket binding rules, and
 * the encoding of what listeners and streams send (with the stream's disconnect watch). Not API.
 */
package dev.rigel.internal.websocket;

/**
 * WebSocket routes at run time: the route plan, the connection, and the WebSocket binding rules.
 * Not API.
 */
package dev.rigel.internal.websocket;

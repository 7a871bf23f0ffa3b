/**
 * Handler annotations: {@link dev.rigel.annotation.Get @Get}, {@link dev.rigel.annotation.Post
 * @Post} and the other verbs (each marked with its {@link dev.rigel.annotation.HttpMethod}),
 * {@link dev.rigel.annotation.Route @Route}, {@link dev.rigel.annotation.WebSocket @WebSocket},
 * {@link dev.rigel.annotation.WebSocketListener @WebSocketListener}, {@link
 * dev.rigel.annotation.Param @Param}, {@link dev.rigel.annotation.Operation @Operation} and {@link
 * dev.rigel.annotation.ExcludeFromSchema @ExcludeFromSchema}.
 */
package dev.rigel.annotation;

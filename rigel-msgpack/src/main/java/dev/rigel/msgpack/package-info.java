/**
 * MessagePack request and response bodies: register {@link dev.rigel.msgpack.MessagePackPlugin}
 * and {@code data} bodies sent as {@code application/msgpack} (or {@code application/x-msgpack})
 * are read as MessagePack, and responses go out as MessagePack to clients whose {@code Accept}
 * prefers it. JSON stays the default. Entry point: {@link dev.rigel.msgpack.MessagePackPlugin}.
 */
package dev.rigel.msgpack;

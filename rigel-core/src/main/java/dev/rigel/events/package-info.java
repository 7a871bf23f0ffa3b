/**
 * Events: {@link dev.rigel.events.Listener @Listener} methods and
 * {@link dev.rigel.events.EventListener}s run off the request thread when an event is emitted
 * through an {@link dev.rigel.events.EventEmitter} ({@code app.emit(…)}, or an injected emitter).
 */
package dev.rigel.events;

/**
 * Channels: publish/subscribe event streams inside an app and, with a shared backend, across app
 * instances (Litestar's channels).
 *
 * <ul>
 *   <li>{@link dev.rigel.channels.ChannelsPlugin} is the entry point: register it on the app, inject
 *       it as {@code channels}, {@code publish} from any handler and {@code subscribe} to get a
 *       {@link dev.rigel.channels.Subscriber}.</li>
 *   <li>A {@link dev.rigel.channels.ChannelsBackend} moves events between instances:
 *       {@link dev.rigel.channels.MemoryChannelsBackend} in one process, Redis (rigel-redis) and
 *       PostgreSQL (rigel-postgres) between processes.</li>
 *   <li>Each subscriber has its own bounded backlog; a {@link dev.rigel.channels.BacklogStrategy}
 *       says what is dropped when a slow subscriber falls behind, so no subscriber ever slows the
 *       publisher or the others.</li>
 * </ul>
 */
package dev.rigel.channels;

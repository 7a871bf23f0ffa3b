package dev.rigel.exceptions;

/**
 * Marks an exception meaning that a service the app depends on (a store's server, a channels
 * broker) cannot be reached right now, and that trying again later may work. Rigel answers such an
 * exception, when it escapes a handler or middleware (also as the cause of another), with 503
 * {@code {"status_code":503,"detail":"Service Unavailable"}} and {@code Retry-After}, not a 500,
 * and does not log it per request: whoever detects the outage logs it once.
 *
 * <p>{@link dev.rigel.stores.StoreUnavailableException} and
 * {@link dev.rigel.channels.ChannelsUnavailableException} implement it; an app's own client of a
 * service may do the same.
 */
public interface DependencyUnavailable {}

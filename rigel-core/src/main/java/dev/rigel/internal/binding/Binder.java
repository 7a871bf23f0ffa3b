package dev.rigel.internal.binding;

import dev.rigel.internal.exchange.Exchange;

/** Produces one argument for a handler or provider from the request in flight. */
@FunctionalInterface
public interface Binder {

    Object bind(Exchange exchange) throws Exception;
}

package dev.rigel.internal.app;

import dev.rigel.internal.exchange.Exchange;

/** Produces one argument for a handler or provider from the request in flight. */
@FunctionalInterface
interface Binder {

    Object bind(Exchange exchange) throws Exception;
}

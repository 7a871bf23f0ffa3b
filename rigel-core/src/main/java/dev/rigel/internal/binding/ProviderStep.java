package dev.rigel.internal.binding;

import dev.rigel.di.Scoped;
import dev.rigel.internal.exchange.Exchange;
import dev.rigel.internal.invoke.CallableSpec;

/**
 * One dependency to resolve for a route: run its provider with its bound arguments and store the
 * value in {@code slot}. Steps are ordered so every provider's own dependencies come first.
 */
public final class ProviderStep {

    final String key;
    final int slot;
    final CallableSpec callable;
    final BoundParam[] params;
    final CachedValue cache;

    ProviderStep(String key, int slot, CallableSpec callable, BoundParam[] params, CachedValue cache) {
        this.key = key;
        this.slot = slot;
        this.callable = callable;
        this.params = params;
        this.cache = cache;
    }

    public void resolve(Exchange exchange) throws Throwable {
        Object value;
        if (cache != null) {
            value = cache.get(() -> produce(exchange));
        } else {
            value = produce(exchange);
            if (value instanceof Scoped<?> scoped) {
                exchange.addCleanup(scoped.cleanup());
                value = scoped.value();
            }
        }
        exchange.dependencyValues[slot] = value;
    }

    private Object produce(Exchange exchange) throws Throwable {
        Object[] args = new Object[params.length];
        for (int i = 0; i < params.length; i++) {
            args[i] = params[i].binder().bind(exchange);
        }
        return callable.invoker().invoke(args);
    }
}

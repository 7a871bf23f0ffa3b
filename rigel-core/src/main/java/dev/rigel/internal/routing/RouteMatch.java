package dev.rigel.internal.routing;

/** A matched endpoint and its converted path parameter values, in template order. */
public record RouteMatch<T>(T endpoint, Object[] values) {

    static final Object[] NO_VALUES = new Object[0];
}

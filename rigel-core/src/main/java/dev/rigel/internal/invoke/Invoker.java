package dev.rigel.internal.invoke;

/** Calls a handler or provider with already-bound arguments. */
@FunctionalInterface
public interface Invoker {

    Object invoke(Object[] args) throws Throwable;
}

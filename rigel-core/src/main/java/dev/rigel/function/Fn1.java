package dev.rigel.function;

import java.io.Serializable;

/**
 * A handler or provider taking 1 argument. Serializable only so that Rigel can
 * look up, once at startup, which method the lambda or method reference points at and read its
 * parameter names and types; nothing is ever serialized.
 */
@FunctionalInterface
public interface Fn1<A, R> extends Serializable {

    R apply(A a) throws Exception;
}

package dev.rigel.function;

import java.io.Serializable;

/**
 * A handler or callback taking 1 argument and returning nothing, such as a WebSocket
 * handler given as a lambda. Serializable only so that Rigel can look up, once at startup, which
 * method the lambda or method reference points at; nothing is ever serialized.
 */
@FunctionalInterface
public interface Action1<A> extends Serializable {

    void run(A a) throws Exception;
}

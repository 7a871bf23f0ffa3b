package dev.rigel.internal.app;

import dev.rigel.internal.invoke.Types;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * What makes a handler's result asynchronous: a {@link CompletionStage}, or a value of a type the
 * app registered ({@code App.Builder.asyncResult}) with its conversion to one. At startup it names
 * the type a route's answer is planned from; per request it finds the stage in a result.
 */
public final class AsyncResults {

    private final Class<?>[] types;
    private final Function<Object, CompletionStage<?>>[] toStage;

    @SuppressWarnings("unchecked")
    AsyncResults(Map<Class<?>, Function<Object, CompletionStage<?>>> registered) {
        this.types = registered.keySet().toArray(Class<?>[]::new);
        this.toStage = registered.values().toArray(Function[]::new);
    }

    /**
     * The type of the answer a handler declared to return {@code declared}: the first type argument
     * of a stage or of a registered type (Object when raw), else {@code declared} itself.
     */
    public Type resultType(Type declared) {
        Class<?> raw = Types.raw(declared);
        if (CompletionStage.class.isAssignableFrom(raw)) {
            return Types.typeArgument(declared, 0);
        }
        for (Class<?> type : types) {
            if (type.isAssignableFrom(raw)) {
                return Types.typeArgument(declared, 0);
            }
        }
        return declared;
    }

    /** The stage a handler's result completes with its answer, or null for a plain value. */
    CompletionStage<?> stageOf(Object result) {
        if (result instanceof CompletionStage<?> stage) {
            return stage;
        }
        for (int i = 0; i < types.length; i++) {
            if (types[i].isInstance(result)) {
                return toStage[i].apply(result);
            }
        }
        return null;
    }
}

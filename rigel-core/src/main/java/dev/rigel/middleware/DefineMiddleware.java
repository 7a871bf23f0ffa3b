package dev.rigel.middleware;

import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.internal.invoke.Types;
import dev.rigel.protocol.Application;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Declares middleware written as an application class whose constructor takes the next
 * application first and its settings after, as Litestar's {@code DefineMiddleware(cls, *args)}:
 *
 * <pre>{@code
 * public final class ApiKey implements Application {
 *     public ApiKey(Application next, String header, Set<String> keys) { … }
 *     public void call(Scope scope, Receive receive, Send send) throws Exception { … }
 * }
 *
 * Router.builder("/api").middleware(DefineMiddleware.of(ApiKey.class, "x-api-key", keys))
 * }</pre>
 *
 * The constructor is chosen once, when this is created; each route gets its own instance.
 */
public final class DefineMiddleware implements Middleware {

    private final Class<? extends Application> type;
    private final Object[] args;
    private final Constructor<? extends Application> constructor;

    private DefineMiddleware(Class<? extends Application> type, Object[] args) {
        this.type = type;
        this.args = args.clone();
        this.constructor = findConstructor(type, this.args);
    }

    public static DefineMiddleware of(Class<? extends Application> type, Object... args) {
        return new DefineMiddleware(Objects.requireNonNull(type, "type"), args == null ? new Object[0] : args);
    }

    @Override
    public Application wrap(Application next) {
        Object[] full = new Object[args.length + 1];
        full[0] = next;
        System.arraycopy(args, 0, full, 1, args.length);
        try {
            return constructor.newInstance(full);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new ImproperlyConfiguredException(
                    "Middleware " + type.getSimpleName() + " refused its settings: " + cause.getMessage(), cause);
        } catch (ReflectiveOperationException e) {
            throw new ImproperlyConfiguredException("Cannot create middleware " + type.getName() + ": " + e, e);
        }
    }

    private static Constructor<? extends Application> findConstructor(
            Class<? extends Application> type, Object[] args) {
        for (Constructor<?> candidate : type.getConstructors()) {
            Class<?>[] parameters = candidate.getParameterTypes();
            if (parameters.length != args.length + 1 || !parameters[0].isAssignableFrom(Application.class)) {
                continue;
            }
            boolean fits = true;
            for (int i = 0; i < args.length && fits; i++) {
                Class<?> wanted = Types.boxed(parameters[i + 1]);
                fits = args[i] == null ? !parameters[i + 1].isPrimitive() : wanted.isInstance(args[i]);
            }
            if (fits) {
                @SuppressWarnings("unchecked")
                Constructor<? extends Application> found = (Constructor<? extends Application>) candidate;
                return found;
            }
        }
        throw new ImproperlyConfiguredException("Middleware " + type.getName() + " has no public constructor taking"
                + " (Application next"
                + Arrays.stream(args)
                        .map(arg ->
                                ", " + (arg == null ? "null" : arg.getClass().getSimpleName()))
                        .reduce("", String::concat)
                + ")");
    }

    @Override
    public String toString() {
        return "DefineMiddleware[" + type.getSimpleName() + "]";
    }
}

package dev.rigel.di;

import dev.rigel.function.Fn0;
import dev.rigel.function.Fn1;
import dev.rigel.function.Fn2;
import dev.rigel.function.Fn3;
import dev.rigel.function.Fn4;
import dev.rigel.function.Fn5;
import dev.rigel.function.Fn6;
import dev.rigel.internal.invoke.CallableSpec;
import dev.rigel.internal.invoke.Callables;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A dependency provider, registered on a layer under a key: a handler or another provider asks
 * for it by naming a parameter after the key.
 *
 * <p>A provider may itself take parameters, bound by name like a handler's: other dependencies,
 * path/query/header values, {@code request}, {@code state}, … It may be a lambda
 * ({@code Provide.of((DataSource pool) -> pool.getConnection())}), a method reference
 * ({@code Provide.of(Database::connect)}) or a class ({@code Provide.of(UserService.class)}, whose
 * public constructor's parameters are bound). A provider that returns {@link Scoped} gets cleanup
 * after the request.
 *
 * <p>By default a provider runs at most once per request; {@link #useCache()} makes one value for
 * the app's lifetime.
 */
public final class Provide {

    private final Supplier<CallableSpec> spec;
    private final boolean useCache;
    private volatile CallableSpec resolved;

    private Provide(Supplier<CallableSpec> spec, boolean useCache) {
        this.spec = spec;
        this.useCache = useCache;
    }

    public static <R> Provide of(Fn0<R> provider) {
        Objects.requireNonNull(provider, "provider");
        return new Provide(() -> Callables.fromLambda(provider, 0, args -> provider.apply()), false);
    }

    @SuppressWarnings("unchecked")
    public static <A, R> Provide of(Fn1<A, R> provider) {
        Objects.requireNonNull(provider, "provider");
        return new Provide(() -> Callables.fromLambda(provider, 1, args -> provider.apply((A) args[0])), false);
    }

    @SuppressWarnings("unchecked")
    public static <A, B, R> Provide of(Fn2<A, B, R> provider) {
        Objects.requireNonNull(provider, "provider");
        return new Provide(
                () -> Callables.fromLambda(provider, 2, args -> provider.apply((A) args[0], (B) args[1])), false);
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, R> Provide of(Fn3<A, B, C, R> provider) {
        Objects.requireNonNull(provider, "provider");
        return new Provide(
                () -> Callables.fromLambda(provider, 3, args -> provider.apply((A) args[0], (B) args[1], (C) args[2])),
                false);
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, R> Provide of(Fn4<A, B, C, D, R> provider) {
        Objects.requireNonNull(provider, "provider");
        return new Provide(
                () -> Callables.fromLambda(
                        provider, 4, args -> provider.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3])),
                false);
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, E, R> Provide of(Fn5<A, B, C, D, E, R> provider) {
        Objects.requireNonNull(provider, "provider");
        return new Provide(
                () -> Callables.fromLambda(
                        provider,
                        5,
                        args -> provider.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3], (E) args[4])),
                false);
    }

    @SuppressWarnings("unchecked")
    public static <A, B, C, D, E, F, R> Provide of(Fn6<A, B, C, D, E, F, R> provider) {
        Objects.requireNonNull(provider, "provider");
        return new Provide(
                () -> Callables.fromLambda(
                        provider,
                        6,
                        args -> provider.apply(
                                (A) args[0], (B) args[1], (C) args[2], (D) args[3], (E) args[4], (F) args[5])),
                false);
    }

    /** A class instantiated per request (or once, with {@link #useCache()}) through its public constructor. */
    public static Provide of(Class<?> type) {
        Objects.requireNonNull(type, "type");
        return new Provide(() -> Callables.fromConstructor(publicConstructor(type)), false);
    }

    /** A fixed value, the same for every request. */
    public static Provide value(Object value) {
        return new Provide(
                () -> new CallableSpec(
                        "value " + value,
                        List.of(),
                        value == null ? Object.class : value.getClass(),
                        args -> value,
                        null,
                        null,
                        false),
                false);
    }

    /** The same provider, but run once for the app's lifetime and its value shared. */
    public Provide useCache() {
        return new Provide(spec, true);
    }

    public boolean cached() {
        return useCache;
    }

    /** Introspection result, computed once at startup. Internal: not for application code. */
    public CallableSpec spec() {
        CallableSpec current = resolved;
        if (current == null) {
            current = spec.get();
            resolved = current;
        }
        return current;
    }

    private static Constructor<?> publicConstructor(Class<?> type) {
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException(type.getName() + " cannot be a provider: it is abstract");
        }
        Constructor<?>[] constructors = type.getConstructors();
        if (constructors.length != 1) {
            throw new IllegalArgumentException(type.getName() + " must have exactly one public constructor to be a"
                    + " provider; it has " + constructors.length);
        }
        return constructors[0];
    }

    @Override
    public String toString() {
        return "Provide[" + spec().description() + (useCache ? ", cached" : "") + "]";
    }
}

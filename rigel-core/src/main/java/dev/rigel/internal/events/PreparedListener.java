package dev.rigel.internal.events;

import dev.rigel.internal.invoke.Types;
import java.util.Arrays;
import java.util.List;

/**
 * One listener ready to be called: a {@code @Listener} method (through a method handle) or a
 * lambda listener. Emitted arguments are matched to parameters by position and checked against
 * their types before the call, so a mismatch is reported in the listener's terms.
 */
final class PreparedListener {

    /** Calls the listener with arguments already checked. */
    @FunctionalInterface
    interface Call {
        void call(Object[] args) throws Throwable;
    }

    private final String name;
    private final List<String> eventIds;
    /** Declared parameter types; null for a lambda listener, which takes whatever was emitted. */
    private final Class<?>[] parameterTypes;

    private final boolean varargs;
    private final Call call;

    PreparedListener(String name, List<String> eventIds, Class<?>[] parameterTypes, boolean varargs, Call call) {
        this.name = name;
        this.eventIds = List.copyOf(eventIds);
        this.parameterTypes = parameterTypes;
        this.varargs = varargs;
        this.call = call;
    }

    String name() {
        return name;
    }

    List<String> eventIds() {
        return eventIds;
    }

    void invoke(String eventId, Object[] args) throws Throwable {
        call.call(parameterTypes == null ? args : arguments(eventId, args));
    }

    /** The call's arguments: checked by position, the tail gathered into the varargs array. */
    private Object[] arguments(String eventId, Object[] args) {
        int fixed = varargs ? parameterTypes.length - 1 : parameterTypes.length;
        if (varargs ? args.length < fixed : args.length != fixed) {
            throw new IllegalArgumentException(name + " takes " + (varargs ? "at least " : "") + fixed
                    + " argument(s) but event '" + eventId + "' was emitted with " + args.length + ": "
                    + describe(args));
        }
        Object[] call = new Object[parameterTypes.length];
        for (int i = 0; i < fixed; i++) {
            call[i] = check(eventId, i, parameterTypes[i], args[i]);
        }
        if (varargs) {
            Class<?> component = parameterTypes[fixed].getComponentType();
            Object rest = java.lang.reflect.Array.newInstance(component, args.length - fixed);
            for (int i = fixed; i < args.length; i++) {
                java.lang.reflect.Array.set(rest, i - fixed, check(eventId, i, component, args[i]));
            }
            call[fixed] = rest;
        }
        return call;
    }

    private Object check(String eventId, int position, Class<?> type, Object value) {
        boolean fits = value == null ? !type.isPrimitive() : Types.boxed(type).isInstance(value);
        if (!fits) {
            throw new IllegalArgumentException(name + ": argument " + (position + 1) + " of event '" + eventId
                    + "' is "
                    + (value == null ? "null" : "a " + value.getClass().getName()) + ", but the parameter is a "
                    + type.getName());
        }
        return value;
    }

    private static String describe(Object[] args) {
        return Arrays.stream(args)
                .map(arg -> arg == null ? "null" : arg.getClass().getSimpleName())
                .toList()
                .toString();
    }
}

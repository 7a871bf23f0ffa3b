package dev.rigel.internal.events;

import dev.rigel.events.EventEmitter;
import dev.rigel.events.EventListener;
import dev.rigel.events.Listener;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.internal.invoke.Callables;
import dev.rigel.internal.invoke.Invoker;
import dev.rigel.internal.work.BackgroundWork;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The app's listeners by event id, found once at startup, and the emitter that starts them: one
 * virtual thread per listener and emit, counted by {@link BackgroundWork} so shutdown can wait.
 */
public final class EventBus implements EventEmitter {

    private final Map<String, PreparedListener[]> byEvent;
    private final BackgroundWork work;

    /**
     * @param listeners {@link EventListener}s, and objects or classes with {@link Listener} methods
     * @throws ImproperlyConfiguredException for anything that is none of these
     */
    public EventBus(List<Object> listeners, BackgroundWork work) {
        this.work = work;
        Map<String, List<PreparedListener>> collected = new LinkedHashMap<>();
        for (Object listener : listeners) {
            for (PreparedListener prepared : prepare(listener)) {
                for (String id : prepared.eventIds()) {
                    collected.computeIfAbsent(id, key -> new ArrayList<>()).add(prepared);
                }
            }
        }
        Map<String, PreparedListener[]> frozen = new LinkedHashMap<>();
        collected.forEach((id, list) -> frozen.put(id, list.toArray(PreparedListener[]::new)));
        this.byEvent = Map.copyOf(frozen);
    }

    @Override
    public void emit(String eventId, Object... args) {
        Objects.requireNonNull(eventId, "eventId");
        PreparedListener[] listeners = byEvent.get(eventId);
        if (listeners == null) {
            throw new ImproperlyConfiguredException("No event listeners are registered for event '" + eventId
                    + "'; known events: " + byEvent.keySet().stream().sorted().toList());
        }
        // the caller may reuse its array; every listener sees the values as emitted
        Object[] values = args == null ? new Object[] {null} : args.clone();
        for (PreparedListener listener : listeners) {
            work.start("Listener " + listener.name() + " of event '" + eventId + "'", () -> {
                try {
                    listener.invoke(eventId, values);
                } catch (Exception | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new IllegalStateException(t);
                }
            });
        }
    }

    /** Event ids that have listeners. */
    public java.util.Set<String> eventIds() {
        return byEvent.keySet();
    }

    private static List<PreparedListener> prepare(Object listener) {
        if (listener == null) {
            throw new ImproperlyConfiguredException("listeners: a listener must not be null");
        }
        if (listener instanceof EventListener lambda) {
            EventListener.Handler handler = lambda.handler();
            return List.of(new PreparedListener(
                    "EventListener" + lambda.eventIds(), lambda.eventIds(), null, false, handler::handle));
        }
        Class<?> type = listener instanceof Class<?> cls ? cls : listener.getClass();
        List<Method> methods = annotated(type);
        if (methods.isEmpty()) {
            throw new ImproperlyConfiguredException("listeners: " + type.getName() + " is not a listener: pass an"
                    + " EventListener, or an object or class with methods annotated @Listener");
        }
        Object instance = listener instanceof Class<?> ? null : listener;
        List<PreparedListener> prepared = new ArrayList<>(methods.size());
        for (Method method : methods) {
            if (instance == null && !Modifier.isStatic(method.getModifiers())) {
                instance = instantiate(type);
            }
            String[] ids = method.getAnnotation(Listener.class).value();
            String name = Callables.describe(method);
            if (ids.length == 0 || Arrays.stream(ids).anyMatch(id -> id == null || id.isBlank())) {
                throw new ImproperlyConfiguredException("listeners: @Listener on " + name + " needs event ids");
            }
            Invoker invoker = Callables.fromMethod(Modifier.isStatic(method.getModifiers()) ? null : instance, method)
                    .invoker();
            prepared.add(new PreparedListener(
                    name, Arrays.asList(ids), method.getParameterTypes(), method.isVarArgs(), invoker::invoke));
        }
        return prepared;
    }

    /** {@code @Listener} methods of the class and its superclasses, in a stable order. */
    private static List<Method> annotated(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        for (Class<?> cls = type; cls != null && cls != Object.class; cls = cls.getSuperclass()) {
            for (Method method : cls.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Listener.class) && !method.isBridge()) {
                    methods.add(method);
                }
            }
        }
        methods.sort(Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
        return methods;
    }

    private static Object instantiate(Class<?> type) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (NoSuchMethodException e) {
            throw new ImproperlyConfiguredException("listeners: " + type.getName()
                    + " needs a no-argument constructor (or pass an instance instead of the class)");
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ImproperlyConfiguredException("listeners: cannot create " + type.getName() + ": " + cause, cause);
        }
    }
}

package dev.rigel.internal.assembly;

import dev.rigel.annotation.ExcludeFromSchema;
import dev.rigel.annotation.WebSocket;
import dev.rigel.annotation.WebSocketListener;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.Guard;
import dev.rigel.internal.invoke.CallableSpec;
import dev.rigel.internal.invoke.Callables;
import dev.rigel.internal.invoke.Instantiation;
import dev.rigel.internal.layers.LayerSettings;
import dev.rigel.middleware.Middleware;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds the WebSocket routes of a class: methods annotated {@link WebSocket} or
 * {@link WebSocketListener}, or the class itself when it is a {@code @WebSocketListener} class
 * (with {@code onReceive}, {@code onAccept} and {@code onDisconnect} methods).
 */
final class WebSocketScanner {

    static final String ON_RECEIVE = "onReceive";
    static final String ON_ACCEPT = "onAccept";
    static final String ON_DISCONNECT = "onDisconnect";

    private WebSocketScanner() {}

    /** Whether {@code type} declares any WebSocket route, on its methods or as a listener class. */
    static boolean hasRoutes(Class<?> type) {
        if (type.isAnnotationPresent(WebSocketListener.class)) {
            return true;
        }
        return methods(type).stream()
                .anyMatch(method -> method.isAnnotationPresent(WebSocket.class)
                        || method.isAnnotationPresent(WebSocketListener.class));
    }

    static List<WebSocketDefinition> scan(Object instance) {
        Class<?> type = instance.getClass();
        List<WebSocketDefinition> routes = new ArrayList<>();
        WebSocketListener classListener = type.getAnnotation(WebSocketListener.class);
        if (classListener != null) {
            routes.add(listenerClass(instance, classListener));
        }
        boolean classHidden = type.isAnnotationPresent(ExcludeFromSchema.class);
        for (Method method : methods(type)) {
            WebSocket handler = method.getAnnotation(WebSocket.class);
            WebSocketListener listener = method.getAnnotation(WebSocketListener.class);
            if (handler == null && listener == null || method.isBridge()) {
                continue;
            }
            if (handler != null && listener != null) {
                throw new ImproperlyConfiguredException(Callables.describe(method)
                        + " is annotated both @WebSocket and @WebSocketListener; choose one");
            }
            boolean hidden = classHidden || method.isAnnotationPresent(ExcludeFromSchema.class);
            if (handler != null) {
                String name = handler.name().isEmpty() ? Callables.describe(method) : handler.name();
                routes.add(new WebSocketDefinition(
                        name,
                        paths(handler.value()),
                        false,
                        Callables.fromMethod(instance, method),
                        null,
                        null,
                        dtos(
                                layer(
                                        name,
                                        handler.guards(),
                                        handler.middleware(),
                                        handler.tags(),
                                        handler.opt(),
                                        hidden),
                                dev.rigel.dto.AbstractDTO.class,
                                handler.returnDto()),
                        new WebSocketDefinition.Streaming(
                                false, handler.allowDataDiscard(), handler.interruptOnDisconnect())));
            } else {
                String name = listener.name().isEmpty() ? Callables.describe(method) : listener.name();
                routes.add(new WebSocketDefinition(
                        name,
                        paths(listener.value()),
                        true,
                        Callables.fromMethod(instance, method),
                        callback(instance, listener.onAccept(), "onAccept", name),
                        callback(instance, listener.onDisconnect(), "onDisconnect", name),
                        dtos(
                                layer(
                                        name,
                                        listener.guards(),
                                        listener.middleware(),
                                        listener.tags(),
                                        listener.opt(),
                                        hidden),
                                listener.dto(),
                                listener.returnDto()),
                        WebSocketDefinition.Streaming.DEFAULT));
            }
        }
        return routes;
    }

    /** A {@code @WebSocketListener} class: its onReceive method handles messages. */
    private static WebSocketDefinition listenerClass(Object instance, WebSocketListener annotation) {
        Class<?> type = instance.getClass();
        String name = annotation.name().isEmpty() ? type.getSimpleName() : annotation.name();
        if (!annotation.onAccept().isEmpty() || !annotation.onDisconnect().isEmpty()) {
            throw new ImproperlyConfiguredException("@WebSocketListener class " + type.getName()
                    + ": onAccept and onDisconnect name methods only on a listener method; a listener class"
                    + " declares methods named onAccept and onDisconnect instead");
        }
        Method onReceive = named(type, ON_RECEIVE, name);
        if (onReceive == null) {
            throw new ImproperlyConfiguredException("@WebSocketListener class " + type.getName()
                    + " has no onReceive method; declare one taking the message as its 'data' parameter");
        }
        Method onAccept = named(type, ON_ACCEPT, name);
        Method onDisconnect = named(type, ON_DISCONNECT, name);
        return new WebSocketDefinition(
                name,
                paths(annotation.value()),
                true,
                Callables.fromMethod(instance, onReceive),
                onAccept == null ? null : Callables.fromMethod(instance, onAccept),
                onDisconnect == null ? null : Callables.fromMethod(instance, onDisconnect),
                dtos(
                        layer(
                                name,
                                annotation.guards(),
                                annotation.middleware(),
                                annotation.tags(),
                                annotation.opt(),
                                type.isAnnotationPresent(ExcludeFromSchema.class)),
                        annotation.dto(),
                        annotation.returnDto()),
                WebSocketDefinition.Streaming.DEFAULT);
    }

    /** The sibling method an annotation names as a callback, or null when it names none. */
    private static CallableSpec callback(Object instance, String methodName, String attribute, String listener) {
        if (methodName.isEmpty()) {
            return null;
        }
        Method method = named(instance.getClass(), methodName, listener);
        if (method == null) {
            throw new ImproperlyConfiguredException(
                    "WebSocket listener " + listener + ": " + attribute + " = \"" + methodName
                            + "\" names no method of " + instance.getClass().getName());
        }
        return Callables.fromMethod(instance, method);
    }

    /** The one method called {@code name} in {@code type}'s hierarchy, or null; several are ambiguous. */
    private static Method named(Class<?> type, String name, String listener) {
        Method found = null;
        for (Method method : methods(type)) {
            if (method.getName().equals(name) && !method.isBridge() && !method.isSynthetic()) {
                if (found != null && !overrides(found, method)) {
                    throw new ImproperlyConfiguredException("WebSocket listener " + listener + ": " + type.getName()
                            + " has more than one method named " + name + "; keep one");
                }
                if (found == null) {
                    found = method;
                }
            }
        }
        return found;
    }

    /** {@code sub} (found first, in the subclass) overrides {@code sup}. */
    private static boolean overrides(Method sub, Method sup) {
        return Arrays.equals(sub.getParameterTypes(), sup.getParameterTypes())
                && sup.getDeclaringClass().isAssignableFrom(sub.getDeclaringClass());
    }

    /** Declared methods of the class and its superclasses, subclass first, in a stable order. */
    private static List<Method> methods(Class<?> type) {
        List<Method> methods = new ArrayList<>();
        for (Class<?> cls = type; cls != null && cls != Object.class; cls = cls.getSuperclass()) {
            List<Method> declared = new ArrayList<>(Arrays.asList(cls.getDeclaredMethods()));
            declared.sort(Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
            methods.addAll(declared);
        }
        return methods;
    }

    private static List<String> paths(String[] paths) {
        return paths.length == 0 ? List.of("") : List.of(paths);
    }

    /** The annotation's DTOs on its layer; {@code AbstractDTO.class} is "not set": the layers' DTO applies. */
    private static LayerSettings dtos(LayerSettings layer, Class<?> dto, Class<?> returnDto) {
        if (dto != dev.rigel.dto.AbstractDTO.class) {
            layer.dto(dto);
        }
        if (returnDto != dev.rigel.dto.AbstractDTO.class) {
            layer.returnDto(returnDto);
        }
        return layer;
    }

    private static LayerSettings layer(
            String name,
            Class<? extends Guard>[] guards,
            Class<? extends Middleware>[] middleware,
            String[] tags,
            String[] opt,
            boolean hidden) {
        LayerSettings layer = new LayerSettings("handler " + name);
        for (Class<? extends Guard> guard : guards) {
            layer.guard(Instantiation.create(guard, name));
        }
        for (Class<? extends Middleware> entry : middleware) {
            layer.middleware(Instantiation.create(entry, name));
        }
        for (String tag : tags) {
            layer.tag(tag);
        }
        for (String entry : opt) {
            int eq = entry.indexOf('=');
            layer.opt(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? Boolean.TRUE : entry.substring(eq + 1));
        }
        if (hidden) {
            layer.includeInSchema(false);
        }
        return layer;
    }
}

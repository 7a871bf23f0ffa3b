package dev.rigel.internal.assembly;

import dev.rigel.annotation.ExcludeFromSchema;
import dev.rigel.annotation.HttpMethod;
import dev.rigel.cache.CacheControlHeader;
import dev.rigel.cache.CacheKeyBuilder;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.Guard;
import dev.rigel.internal.invoke.Callables;
import dev.rigel.internal.invoke.Instantiation;
import dev.rigel.internal.layers.LayerSettings;
import dev.rigel.middleware.Middleware;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Finds the handlers of a controller or handler class: its methods with a route annotation. */
final class HandlerScanner {

    private HandlerScanner() {}

    /** The common attributes of {@code @Get}, {@code @Post}, … and {@code @Route}. */
    private record RouteAnnotation(
            Set<String> methods,
            String[] paths,
            int status,
            String mediaType,
            String name,
            Class<? extends Guard>[] guards,
            Class<? extends Middleware>[] middleware,
            String[] tags,
            String[] opt,
            long maxBodySize,
            boolean nonBlocking,
            String cacheControl,
            int cache,
            Class<? extends CacheKeyBuilder> cacheKeyBuilder,
            Class<?> dto,
            Class<?> returnDto) {}

    static List<HandlerDefinition> scan(Object instance) {
        Class<?> type = instance.getClass();
        List<Method> methods = new ArrayList<>();
        for (Class<?> cls = type; cls != null && cls != Object.class; cls = cls.getSuperclass()) {
            methods.addAll(Arrays.asList(cls.getDeclaredMethods()));
        }
        // declaration order is not guaranteed by reflection; sort so startup errors are stable
        methods.sort(Comparator.comparing(Method::getName).thenComparing(Method::toGenericString));
        boolean classHidden = type.isAnnotationPresent(ExcludeFromSchema.class);
        List<HandlerDefinition> handlers = new ArrayList<>();
        for (Method method : methods) {
            RouteAnnotation route = routeAnnotation(method);
            if (route == null || method.isBridge()) {
                continue;
            }
            String name = route.name().isEmpty() ? Callables.describe(method) : route.name();
            LayerSettings layer = new LayerSettings("handler " + name);
            for (Class<? extends Guard> guard : route.guards()) {
                layer.guard(Instantiation.create(guard, name));
            }
            for (Class<? extends Middleware> middleware : route.middleware()) {
                layer.middleware(Instantiation.create(middleware, name));
            }
            for (String tag : route.tags()) {
                layer.tag(tag);
            }
            for (String entry : route.opt()) {
                int eq = entry.indexOf('=');
                layer.opt(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? Boolean.TRUE : entry.substring(eq + 1));
            }
            if (route.maxBodySize() > 0) {
                layer.maxBodySize(route.maxBodySize());
            }
            if (!route.cacheControl().isEmpty()) {
                try {
                    layer.cacheControl(CacheControlHeader.parse(route.cacheControl()));
                } catch (IllegalArgumentException e) {
                    throw new ImproperlyConfiguredException(name + ": cacheControl: " + e.getMessage(), e);
                }
            }
            // AbstractDTO.class is the annotations' "not set": the layers' DTO applies
            if (route.dto() != dev.rigel.dto.AbstractDTO.class) {
                layer.dto(route.dto());
            }
            if (route.returnDto() != dev.rigel.dto.AbstractDTO.class) {
                layer.returnDto(route.returnDto());
            }
            for (dev.rigel.annotation.ResponseSpec spec :
                    method.getAnnotationsByType(dev.rigel.annotation.ResponseSpec.class)) {
                if (layer.responses().containsKey(spec.status())) {
                    throw new ImproperlyConfiguredException(
                            name + ": two @ResponseSpec declare status " + spec.status() + "; give each status once");
                }
                layer.response(documented(spec, name));
            }
            if (classHidden || method.isAnnotationPresent(ExcludeFromSchema.class)) {
                layer.includeInSchema(false);
            }
            // CacheKeyBuilder.class is the annotations' "not set": the app's key builder applies
            CacheKeyBuilder keyBuilder = route.cacheKeyBuilder() == CacheKeyBuilder.class
                    ? null
                    : Instantiation.create(route.cacheKeyBuilder(), name);
            List<String> paths = route.paths().length == 0 ? List.of("") : List.of(route.paths());
            handlers.add(new HandlerDefinition(
                    name,
                    route.name().isEmpty() ? null : route.name(),
                    paths,
                    route.methods(),
                    Callables.fromMethod(instance, method),
                    route.status(),
                    route.mediaType().isEmpty() ? null : route.mediaType(),
                    route.nonBlocking(),
                    layer,
                    route.cache(),
                    keyBuilder));
        }
        return handlers;
    }

    /** A {@code @ResponseSpec} as the value layers hold; a nonsense status fails naming the handler. */
    private static dev.rigel.http.DocumentedResponse documented(dev.rigel.annotation.ResponseSpec spec, String name) {
        List<dev.rigel.http.DocumentedResponse.Header> headers = new java.util.ArrayList<>();
        try {
            for (dev.rigel.annotation.ResponseSpec.Header header : spec.headers()) {
                headers.add(new dev.rigel.http.DocumentedResponse.Header(
                        header.name(), header.description(), header.type()));
            }
            return new dev.rigel.http.DocumentedResponse(
                    spec.status(),
                    spec.type(),
                    spec.description(),
                    spec.mediaType(),
                    headers,
                    List.of(spec.examples()));
        } catch (IllegalArgumentException e) {
            throw new ImproperlyConfiguredException(name + ": @ResponseSpec: " + e.getMessage(), e);
        }
    }

    static boolean hasHandlers(Class<?> type) {
        for (Class<?> cls = type; cls != null && cls != Object.class; cls = cls.getSuperclass()) {
            for (Method method : cls.getDeclaredMethods()) {
                if (routeAnnotation(method) != null) {
                    return true;
                }
            }
        }
        return false;
    }

    private static RouteAnnotation routeAnnotation(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            Set<String> methods = httpMethods(annotation);
            if (methods != null) {
                return read(annotation, methods);
            }
        }
        return null;
    }

    /** The HTTP methods a route annotation stands for; null for any other annotation. */
    private static Set<String> httpMethods(Annotation annotation) {
        if (annotation instanceof dev.rigel.annotation.Route route) {
            return upper(route.methods());
        }
        HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
        return verb == null ? null : Set.of(verb.value());
    }

    /**
     * A route annotation's attributes, read by name: every route annotation declares the same
     * ones, so a new option is an attribute on each annotation and a line here, not a case per verb.
     */
    private static RouteAnnotation read(Annotation annotation, Set<String> methods) {
        return new RouteAnnotation(
                methods,
                attribute(annotation, "value"),
                attribute(annotation, "status"),
                attribute(annotation, "mediaType"),
                attribute(annotation, "name"),
                attribute(annotation, "guards"),
                attribute(annotation, "middleware"),
                attribute(annotation, "tags"),
                attribute(annotation, "opt"),
                attribute(annotation, "maxBodySize"),
                attribute(annotation, "nonBlocking"),
                attribute(annotation, "cacheControl"),
                attribute(annotation, "cache"),
                attribute(annotation, "cacheKeyBuilder"),
                attribute(annotation, "dto"),
                attribute(annotation, "returnDto"));
    }

    @SuppressWarnings("unchecked")
    private static <T> T attribute(Annotation annotation, String name) {
        Class<? extends Annotation> type = annotation.annotationType();
        try {
            return (T) type.getMethod(name).invoke(annotation);
        } catch (NoSuchMethodException e) {
            throw new ImproperlyConfiguredException("@" + type.getSimpleName() + " is marked @HttpMethod but has no '"
                    + name + "' attribute; a route annotation declares every attribute @Route has (but methods)");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read @" + type.getSimpleName() + "." + name, e);
        }
    }

    private static Set<String> upper(String[] methods) {
        Set<String> upper = new LinkedHashSet<>();
        for (String method : methods) {
            upper.add(method.toUpperCase(Locale.ROOT));
        }
        if (upper.isEmpty()) {
            throw new IllegalArgumentException("@Route needs at least one method");
        }
        return Set.copyOf(upper);
    }
}

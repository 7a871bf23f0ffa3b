package dev.rigel.di;

import dev.rigel.http.Request;
import dev.rigel.middleware.Middleware;
import dev.rigel.protocol.ScopeType;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A place handler and provider parameters can come from that a feature or plugin contributes
 * (the session, a CSRF token, the authenticated user, a database session, …), so the framework
 * binds them without knowing the feature. When the app is built, each parameter that is not
 * bound by an explicit {@code @Param} source or one of the core's reserved types ({@code Request},
 * {@code State}, …) is offered to the app's sources in order; the first that returns a
 * {@link Resolver} supplies its value on every request. A source that returns null leaves the
 * parameter to the usual rules (reserved names, path parameters, dependencies, query values).
 *
 * <p>Register one with {@code App.builder().parameterSources(…)}, or make a plugin implement this
 * interface. A source may refuse a parameter it recognises but cannot supply by throwing an
 * {@link dev.rigel.exceptions.ImproperlyConfiguredException}, which fails the build naming it.
 *
 * <pre>{@code
 * ParameterSource tenant = parameter -> parameter.rawType() == Tenant.class
 *         ? request -> Tenant.of(request.headers().get("x-tenant"))
 *         : null;
 * }</pre>
 */
@FunctionalInterface
public interface ParameterSource {

    /**
     * How to get {@code parameter}'s value on each request, or null when this source does not
     * supply it. Called once per parameter, when the app is built.
     */
    Resolver resolve(Parameter parameter);

    /** Gives a parameter its value for one request. */
    @FunctionalInterface
    interface Resolver {
        Object resolve(Request request) throws Exception;
    }

    /**
     * A parameter being planned.
     *
     * @param name the parameter's name (null when the class was compiled without parameter names)
     * @param type its declared type, type arguments included
     * @param rawType its class
     * @param annotations its annotations
     * @param route the route it belongs to
     * @param owner the handler or provider that declares it, for error messages
     */
    record Parameter(
            String name, Type type, Class<?> rawType, List<Annotation> annotations, Route route, String owner) {

        /** The parameter's annotation of {@code type}, or null. */
        public <A extends Annotation> A annotation(Class<A> type) {
            for (Annotation annotation : annotations) {
                if (type.isInstance(annotation)) {
                    return type.cast(annotation);
                }
            }
            return null;
        }
    }

    /**
     * What a source may know of the route a parameter belongs to, all layers merged, to decide
     * whether it can supply the parameter there.
     *
     * @param description the route as error messages name it, e.g. {@code GET /users/{id:int}}
     * @param pathTemplate its full path template
     * @param scopeType HTTP or WebSocket
     * @param opt its opt, closest layer winning
     * @param middleware the middleware of its layers, app first
     * @param dependencies the keys of the dependencies its layers provide
     */
    record Route(
            String description,
            String pathTemplate,
            ScopeType scopeType,
            Map<String, Object> opt,
            List<Middleware> middleware,
            Set<String> dependencies) {

        @Override
        public String toString() {
            return description;
        }
    }
}

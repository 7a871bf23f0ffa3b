package dev.rigel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A group of route handlers under a path prefix, with its own layer settings. Routers nest:
 * a router may hold other routers, controllers, handler classes and {@link Route}s.
 *
 * <pre>{@code
 * Router api = Router.builder("/api/v1")
 *     .routeHandlers(UserController.class, OrderController.class)
 *     .dependency("db", Provide.of(Database::session))
 *     .middleware(new AuthMiddleware(token))
 *     .build();
 * }</pre>
 */
public final class Router {

    private final String path;
    private final List<Object> routeHandlers;
    private final Builder builder;

    private Router(Builder builder) {
        this.path = builder.path;
        this.routeHandlers = Collections.unmodifiableList(new ArrayList<>(builder.routeHandlers));
        this.builder = builder;
    }

    public static Builder builder(String path) {
        return new Builder(path);
    }

    /** A router with no settings of its own. */
    public static Router of(String path, Object... routeHandlers) {
        return builder(path).routeHandlers(routeHandlers).build();
    }

    public String path() {
        return path;
    }

    public List<Object> routeHandlers() {
        return routeHandlers;
    }

    /** This router's layer settings, read when routes are assembled. */
    LayerBuilder<?> layer() {
        return builder;
    }

    /** Configures a {@link Router}. */
    public static final class Builder extends LayerBuilder<Builder> {
        private final String path;
        private final List<Object> routeHandlers = new ArrayList<>();

        private Builder(String path) {
            super("router " + path);
            this.path = path;
        }

        /**
         * Adds handlers: {@link Router}s, {@link Controller} instances or classes, instances or
         * classes with annotated handler methods, and {@link Route}s.
         */
        public Builder routeHandlers(Object... handlers) {
            for (Object handler : handlers) {
                routeHandlers.add(java.util.Objects.requireNonNull(handler, "route handler"));
            }
            return this;
        }

        public Router build() {
            return new Router(this);
        }
    }
}

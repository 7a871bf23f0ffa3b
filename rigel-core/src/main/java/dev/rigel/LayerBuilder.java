package dev.rigel;

import dev.rigel.di.Provide;
import dev.rigel.internal.app.LayerSettings;
import dev.rigel.middleware.Middleware;
import java.util.Map;

/**
 * The settings every layer shares: app, router, controller and handler. Litestar's merge rules
 * apply when a route is built: dependencies, exception handlers, opt and response headers and
 * cookies merge by key with the closest layer winning; guards, middleware and tags add up, app
 * outermost; hooks, include-in-schema, the body size limit and the DTOs take the closest layer's value.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
public abstract class LayerBuilder<B extends LayerBuilder<B>> {

    private final LayerSettings settings;

    protected LayerBuilder(String description) {
        this.settings = new LayerSettings(description);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Registers a dependency under {@code key}; parameters named {@code key} receive its value. */
    public B dependency(String key, Provide provide) {
        settings.dependency(key, provide);
        return self();
    }

    public B dependencies(Map<String, Provide> dependencies) {
        dependencies.forEach(settings::dependency);
        return self();
    }

    /** Adds middleware; on one layer, the first one given is the outermost. */
    public B middleware(Middleware... middleware) {
        for (Middleware entry : middleware) {
            settings.middleware(entry);
        }
        return self();
    }

    public B guards(Guard... guards) {
        for (Guard guard : guards) {
            settings.guard(guard);
        }
        return self();
    }

    /**
     * Handles exceptions of {@code type} (and subclasses). When several handlers could apply to an
     * exception, the one for its nearest class wins; a status-code handler is consulted after the
     * specific classes and before the generic roots ({@code Exception}, {@code RuntimeException},
     * {@code Throwable}, {@code HttpException} and its direct family such as {@code ClientException}).
     */
    public B exceptionHandler(Class<? extends Throwable> type, ExceptionHandler handler) {
        settings.exceptionHandler(type, handler);
        return self();
    }

    /** Handles exceptions that answer with {@code statusCode} (any other exception counts as 500). */
    public B exceptionHandler(int statusCode, ExceptionHandler handler) {
        settings.exceptionHandler(statusCode, handler);
        return self();
    }

    /** A header added to every response of this layer's routes unless the handler sets it. */
    public B responseHeader(String name, String value) {
        settings.responseHeader(name, value);
        return self();
    }

    /** A cookie set on every response of this layer's routes unless the handler sets the same name. */
    public B responseCookie(Cookie cookie) {
        settings.responseCookie(cookie);
        return self();
    }

    public B beforeRequest(Hooks.BeforeRequest hook) {
        settings.beforeRequest(hook);
        return self();
    }

    public B afterRequest(Hooks.AfterRequest hook) {
        settings.afterRequest(hook);
        return self();
    }

    public B afterResponse(Hooks.AfterResponse hook) {
        settings.afterResponse(hook);
        return self();
    }

    /** Free-form metadata, readable by guards and middleware through {@link HandlerInfo#opt()}. */
    public B opt(String key, Object value) {
        settings.opt(key, value);
        return self();
    }

    public B tags(String... tags) {
        for (String tag : tags) {
            settings.tag(tag);
        }
        return self();
    }

    public B includeInSchema(boolean include) {
        settings.includeInSchema(include);
        return self();
    }

    /**
     * The DTO that decodes the {@code data} parameter of this layer's handlers (and shapes their
     * responses unless {@link #returnDto} is set): {@code .dto(UserWriteDTO.class)}. The closest
     * layer wins; {@link dev.rigel.dto.NoDTO} switches an outer layer's DTO off.
     */
    public B dto(Class<? extends dev.rigel.dto.AbstractDTO<?>> type) {
        settings.dto(type);
        return self();
    }

    /** {@link #dto(Class)} with a DTO instance, e.g. {@code RecordDTO.of(User.class, config)}. */
    public B dto(dev.rigel.dto.AbstractDTO<?> instance) {
        settings.dto(instance);
        return self();
    }

    /** The DTO that shapes this layer's responses; without one, {@link #dto} shapes them too. */
    public B returnDto(Class<? extends dev.rigel.dto.AbstractDTO<?>> type) {
        settings.returnDto(type);
        return self();
    }

    /** {@link #returnDto(Class)} with a DTO instance. */
    public B returnDto(dev.rigel.dto.AbstractDTO<?> instance) {
        settings.returnDto(instance);
        return self();
    }

    /** Largest request body accepted, in bytes (default 10 MB); larger bodies get 413. */
    public B maxBodySize(long bytes) {
        settings.maxBodySize(bytes);
        return self();
    }

    /** This layer's own settings. Internal: used when routes are assembled. */
    public final LayerSettings layerSettings() {
        return settings;
    }
}

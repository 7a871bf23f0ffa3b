package dev.rigel;

import dev.rigel.cache.CacheControlHeader;
import dev.rigel.di.Provide;
import dev.rigel.http.Cookie;
import dev.rigel.http.ExceptionHandler;
import dev.rigel.http.Guard;
import dev.rigel.http.Hooks;
import dev.rigel.internal.layers.LayerSettings;
import dev.rigel.middleware.Middleware;
import java.util.List;
import java.util.Map;

/**
 * The settings every layer shares: app, router, controller and handler. Litestar's merge rules
 * apply when a route is built: dependencies, exception handlers, opt and response headers and
 * cookies merge by key with the closest layer winning; guards, middleware and tags add up, app
 * outermost; hooks, {@code Cache-Control}, include-in-schema, the body size limit and the DTOs take
 * the closest layer's value.
 *
 * <p>Reading and changing what was collected: each collected setting has an accessor of the same
 * name without arguments that returns the live, modifiable collection ({@link #middleware()},
 * {@link #dependencies()}, {@link #exceptionHandlers()}, …), so a plugin can inspect, reorder,
 * replace or remove entries with the ordinary collection methods, e.g.
 * {@code app.middleware().removeIf(m -> m instanceof LegacyAuth)}. Single-valued settings
 * (hooks, {@code Cache-Control}) have a getter and are replaced by setting them again ({@code null}
 * clears a hook). Entries put in through the collections are checked when the app is built.
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

    /** This layer's dependencies by key, live: changes apply to the routes built afterwards. */
    public Map<String, Provide> dependencies() {
        return settings.dependencies();
    }

    /**
     * Request parameters every route under this layer takes (Litestar's layer {@code parameters}),
     * declared as the components of a record the way a handler declares its own: a name, a type,
     * {@code @Param} for a header, cookie or other query name and a default, and Jakarta
     * constraints.
     *
     * <pre>{@code
     * record Tenant(@Param(header = "X-Tenant") @Pattern(regexp = "[a-z0-9-]{2,32}") String tenant) {}
     * Router.builder("/api").parameters(Tenant.class)
     * }</pre>
     *
     * Each is read and validated for every request to the layer's routes (WebSocket handshakes
     * included), after the guards and before any dependency runs, and refused with the same 400 a
     * handler's parameter gets; the
     * OpenAPI document lists it on each route. A handler (or dependency) that names a parameter
     * {@code tenant} receives it as declared here. A closer layer's declaration of the same name wins.
     */
    public B parameters(Class<? extends Record> declaration) {
        settings.parameters(declaration);
        return self();
    }

    /**
     * Type encoders and decoders for this layer's routes (Litestar's layer {@code type_encoders} /
     * {@code type_decoders}): each plugin's Jackson module joins the app's for their JSON bodies and
     * responses, and its text decoders bind their path, query, header and cookie values. A closer
     * layer's plugin wins over an outer one's and the app's for the same type, e.g. {@code
     * .serialization(SerializationPlugin.ofText(Money.class, Money::toCents, Money::ofCents))} on a
     * legacy router. Values a DTO shapes keep the app's encoders.
     */
    public B serialization(dev.rigel.plugin.SerializationPlugin... plugins) {
        for (dev.rigel.plugin.SerializationPlugin plugin : plugins) {
            settings.serialization().add(java.util.Objects.requireNonNull(plugin, "plugin"));
        }
        return self();
    }

    /** This layer's serialization plugins, live. */
    public List<dev.rigel.plugin.SerializationPlugin> serialization() {
        return settings.serialization();
    }

    /** This layer's parameter declarations, live. */
    public List<Class<? extends Record>> parameters() {
        return settings.parameters();
    }

    /** Adds middleware; on one layer, the first one given is the outermost. */
    public B middleware(Middleware... middleware) {
        for (Middleware entry : middleware) {
            settings.middleware(entry);
        }
        return self();
    }

    /** This layer's middleware, outermost first, live. */
    public List<Middleware> middleware() {
        return settings.middleware();
    }

    public B guards(Guard... guards) {
        for (Guard guard : guards) {
            settings.guard(guard);
        }
        return self();
    }

    /** This layer's guards in the order they run, live. */
    public List<Guard> guards() {
        return settings.guards();
    }

    /**
     * Handles exceptions of {@code type} (and subclasses). When several handlers could apply to an
     * exception, the one for its nearest class wins; a status-code handler is consulted after the
     * specific classes and before the generic roots ({@code Exception}, {@code RuntimeException},
     * {@code Throwable}, {@code HttpException} and its direct family such as {@code ClientException}).
     * A handler that returns null declines, and the next one in that order is asked.
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

    /** This layer's exception handlers by exception class, live. */
    public Map<Class<? extends Throwable>, ExceptionHandler> exceptionHandlers() {
        return settings.exceptionHandlers();
    }

    /** This layer's exception handlers by status code, live. */
    public Map<Integer, ExceptionHandler> statusCodeHandlers() {
        return settings.statusHandlers();
    }

    /** A header added to every response of this layer's routes unless the handler sets it. */
    public B responseHeader(String name, String value) {
        settings.responseHeader(name, value);
        return self();
    }

    /** This layer's response headers, live; names compare case-insensitively. */
    public Map<String, String> responseHeaders() {
        return settings.responseHeaders();
    }

    /**
     * Documents a response this layer's routes may give besides those Rigel documents on its own
     * (Litestar's {@code responses}): every route of a rate-limited router may answer 429, say.
     * A closer layer's (or the handler's {@code @ResponseSpec}) declaration of the same status
     * wins, and a declared status replaces the one the OpenAPI generator would make.
     */
    public B response(dev.rigel.http.DocumentedResponse response) {
        settings.response(response);
        return self();
    }

    /**
     * {@link #response(dev.rigel.http.DocumentedResponse)} of a {@code status} with a body of
     * {@code type} (null or {@code Void.class}: none), e.g. {@code .response(409, Conflict.class, "Name taken")}.
     */
    public B response(int status, java.lang.reflect.Type type, String description) {
        return response(dev.rigel.http.DocumentedResponse.of(status, type, description));
    }

    /** This layer's documented responses by status, live. */
    public Map<Integer, dev.rigel.http.DocumentedResponse> responses() {
        return settings.responses();
    }

    /** A cookie set on every response of this layer's routes unless the handler sets the same name. */
    public B responseCookie(Cookie cookie) {
        settings.responseCookie(cookie);
        return self();
    }

    /** This layer's response cookies, live (of two with one name, the later one is sent). */
    public List<Cookie> responseCookies() {
        return settings.responseCookies();
    }

    /**
     * The {@code Cache-Control} header of this layer's responses (Litestar's {@code cache_control}):
     * the closest layer's value is sent, unless the handler's response sets the header itself.
     * {@code null} removes this layer's value.
     */
    public B cacheControl(CacheControlHeader header) {
        settings.cacheControl(header);
        return self();
    }

    /** This layer's own {@code Cache-Control}, or null. */
    public CacheControlHeader cacheControl() {
        return settings.cacheControl();
    }

    /** Replaces this layer's before-request hook ({@code null} removes it). */
    public B beforeRequest(Hooks.BeforeRequest hook) {
        settings.beforeRequest(hook);
        return self();
    }

    /** This layer's own before-request hook, or null. */
    public Hooks.BeforeRequest beforeRequest() {
        return settings.beforeRequest();
    }

    /** Replaces this layer's after-request hook ({@code null} removes it). */
    public B afterRequest(Hooks.AfterRequest hook) {
        settings.afterRequest(hook);
        return self();
    }

    /** This layer's own after-request hook, or null. */
    public Hooks.AfterRequest afterRequest() {
        return settings.afterRequest();
    }

    /** Replaces this layer's after-response hook ({@code null} removes it). */
    public B afterResponse(Hooks.AfterResponse hook) {
        settings.afterResponse(hook);
        return self();
    }

    /** This layer's own after-response hook, or null. */
    public Hooks.AfterResponse afterResponse() {
        return settings.afterResponse();
    }

    /** Free-form metadata, readable by guards and middleware through {@link HandlerInfo#opt()}. */
    public B opt(String key, Object value) {
        settings.opt(key, value);
        return self();
    }

    /** This layer's opt, live. */
    public Map<String, Object> opt() {
        return settings.opt();
    }

    public B tags(String... tags) {
        for (String tag : tags) {
            settings.tag(tag);
        }
        return self();
    }

    /** This layer's tags, live. */
    public List<String> tags() {
        return settings.tags();
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

    /** This layer's own settings, read when routes are assembled. */
    final LayerSettings layerSettings() {
        return settings;
    }
}

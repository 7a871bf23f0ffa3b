package dev.rigel.internal.layers;

import dev.rigel.cache.CacheControlHeader;
import dev.rigel.di.Provide;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.Cookie;
import dev.rigel.http.ExceptionHandler;
import dev.rigel.http.Guard;
import dev.rigel.http.Hooks;
import dev.rigel.middleware.Middleware;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one layer (app, router, controller or handler) declares. Merged across layers once, at
 * startup, by {@link MergedLayers}. Mutable while the layer is being configured: the collections
 * are handed out live (plugins read and change them), so {@link #validate()} checks them again
 * when routes are assembled.
 */
public final class LayerSettings {

    final String description;
    final Map<String, Provide> dependencies = new LinkedHashMap<>();
    public final List<Middleware> middleware = new ArrayList<>();
    final List<Guard> guards = new ArrayList<>();
    final Map<Class<? extends Throwable>, ExceptionHandler> exceptionHandlers = new LinkedHashMap<>();
    final Map<Integer, ExceptionHandler> statusHandlers = new LinkedHashMap<>();
    /** Names compare case-insensitively; the spelling first given is the one sent. */
    final Map<String, String> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    final List<Cookie> responseCookies = new ArrayList<>();
    /** Responses declared for the OpenAPI document, by status. */
    final Map<Integer, dev.rigel.http.DocumentedResponse> responses = new TreeMap<>();

    final Map<String, Object> opt = new LinkedHashMap<>();
    final List<String> tags = new ArrayList<>();
    final List<Class<? extends Record>> parameters = new ArrayList<>();
    final List<dev.rigel.plugin.SerializationPlugin> serialization = new ArrayList<>();
    Hooks.BeforeRequest beforeRequest;
    Hooks.AfterRequest afterRequest;
    Hooks.AfterResponse afterResponse;
    CacheControlHeader cacheControl;
    Boolean includeInSchema;
    Long maxBodySize;
    /** a DTO class, a DTO instance, or null when this layer sets none */
    Object dto;

    Object returnDto;

    public LayerSettings(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public void dependency(String key, Provide provide) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(description + ": a dependency key must not be empty");
        }
        if (provide == null) {
            throw new IllegalArgumentException(description + ": dependency '" + key + "' has no provider");
        }
        dependencies.put(key, provide);
    }

    public Map<String, Provide> dependencies() {
        return dependencies;
    }

    public void middleware(Middleware entry) {
        middleware.add(java.util.Objects.requireNonNull(entry, "middleware"));
    }

    public List<Middleware> middleware() {
        return middleware;
    }

    public void guard(Guard guard) {
        guards.add(java.util.Objects.requireNonNull(guard, "guard"));
    }

    public List<Guard> guards() {
        return guards;
    }

    public void exceptionHandler(Class<? extends Throwable> type, ExceptionHandler handler) {
        exceptionHandlers.put(
                java.util.Objects.requireNonNull(type, "exception type"),
                java.util.Objects.requireNonNull(handler, "handler"));
    }

    public void exceptionHandler(int statusCode, ExceptionHandler handler) {
        statusHandlers.put(statusCode, java.util.Objects.requireNonNull(handler, "handler"));
    }

    public Map<Class<? extends Throwable>, ExceptionHandler> exceptionHandlers() {
        return exceptionHandlers;
    }

    public Map<Integer, ExceptionHandler> statusHandlers() {
        return statusHandlers;
    }

    public void responseHeader(String name, String value) {
        java.util.Objects.requireNonNull(name, "header name");
        java.util.Objects.requireNonNull(value, "header value");
        // a TreeMap keeps the key it first saw: remove first so the newest spelling is the one sent
        responseHeaders.remove(name);
        responseHeaders.put(name, value);
    }

    public Map<String, String> responseHeaders() {
        return responseHeaders;
    }

    public void response(dev.rigel.http.DocumentedResponse response) {
        java.util.Objects.requireNonNull(response, "response");
        responses.put(response.status(), response);
    }

    public Map<Integer, dev.rigel.http.DocumentedResponse> responses() {
        return responses;
    }

    public void responseCookie(Cookie cookie) {
        java.util.Objects.requireNonNull(cookie, "cookie");
        responseCookies.removeIf(existing -> existing.name().equals(cookie.name()));
        responseCookies.add(cookie);
    }

    public List<Cookie> responseCookies() {
        return responseCookies;
    }

    public void opt(String key, Object value) {
        opt.put(key, value);
    }

    public Map<String, Object> opt() {
        return opt;
    }

    public List<dev.rigel.plugin.SerializationPlugin> serialization() {
        return serialization;
    }

    public void parameters(Class<? extends Record> declaration) {
        java.util.Objects.requireNonNull(declaration, "declaration");
        if (!declaration.isRecord()) {
            throw new IllegalArgumentException(declaration.getName() + " is not a record; layer parameters are"
                    + " declared as the components of a record");
        }
        parameters.add(declaration);
    }

    public List<Class<? extends Record>> parameters() {
        return parameters;
    }

    public void tag(String tag) {
        if (!tags.contains(tag)) {
            tags.add(tag);
        }
    }

    public List<String> tags() {
        return tags;
    }

    public void beforeRequest(Hooks.BeforeRequest hook) {
        beforeRequest = hook;
    }

    public Hooks.BeforeRequest beforeRequest() {
        return beforeRequest;
    }

    public void afterRequest(Hooks.AfterRequest hook) {
        afterRequest = hook;
    }

    public Hooks.AfterRequest afterRequest() {
        return afterRequest;
    }

    public void afterResponse(Hooks.AfterResponse hook) {
        afterResponse = hook;
    }

    public Hooks.AfterResponse afterResponse() {
        return afterResponse;
    }

    public void cacheControl(CacheControlHeader header) {
        cacheControl = header;
    }

    public CacheControlHeader cacheControl() {
        return cacheControl;
    }

    public void includeInSchema(boolean include) {
        includeInSchema = include;
    }

    /** The DTO for request bodies: an {@code AbstractDTO} subclass or instance ({@code NoDTO} opts out). */
    public void dto(Object classOrInstance) {
        dto = checkedDto(classOrInstance, "dto");
    }

    /** The DTO for responses; when no layer sets one, the data DTO serves both ways. */
    public void returnDto(Object classOrInstance) {
        returnDto = checkedDto(classOrInstance, "returnDto");
    }

    private Object checkedDto(Object dto, String setting) {
        boolean valid = dto instanceof dev.rigel.dto.AbstractDTO<?>
                || dto instanceof Class<?> type
                        && dev.rigel.dto.AbstractDTO.class.isAssignableFrom(type)
                        && type != dev.rigel.dto.AbstractDTO.class;
        if (!valid) {
            throw new IllegalArgumentException(description + ": " + setting + " must be a DTO class or instance"
                    + " (a RecordDTO or BeanDTO, or NoDTO), got " + dto);
        }
        if (dto instanceof Class<?> type && java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException(description + ": " + setting + " " + type.getSimpleName()
                    + " is abstract; give a class that extends it with a config (or RecordDTO.of/BeanDTO.of)");
        }
        return dto;
    }

    public void maxBodySize(long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException(description + ": maxBodySize must be positive, got " + bytes);
        }
        maxBodySize = bytes;
    }

    /**
     * Checks what may have been changed through the live collections since the setters checked
     * it: no null entries, no blank dependency keys.
     */
    void validate() {
        for (Map.Entry<String, Provide> entry : dependencies.entrySet()) {
            if (entry.getKey() == null || entry.getKey().isBlank() || entry.getValue() == null) {
                throw new ImproperlyConfiguredException(
                        description + ": dependency '" + entry.getKey() + "' needs a non-empty key and a provider");
            }
        }
        noNulls(middleware, "middleware");
        noNulls(guards, "guards");
        noNulls(exceptionHandlers.keySet(), "exception handler types");
        noNulls(exceptionHandlers.values(), "exception handlers");
        noNulls(statusHandlers.keySet(), "exception handler status codes");
        noNulls(statusHandlers.values(), "exception handlers");
        noNulls(responseHeaders.values(), "response header values");
        noNulls(responseCookies, "response cookies");
        responses.forEach((status, response) -> {
            if (response == null || status == null || status != response.status()) {
                throw new ImproperlyConfiguredException(description + ": the documented response under status " + status
                        + " is " + response + "; put each under its own status");
            }
        });
        noNulls(tags, "tags");
    }

    private void noNulls(Collection<?> values, String what) {
        if (values.contains(null)) {
            throw new ImproperlyConfiguredException(description + ": " + what + " hold a null entry");
        }
    }
}

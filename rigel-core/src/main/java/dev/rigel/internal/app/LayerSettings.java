package dev.rigel.internal.app;

import dev.rigel.Cookie;
import dev.rigel.ExceptionHandler;
import dev.rigel.Guard;
import dev.rigel.Hooks;
import dev.rigel.di.Provide;
import dev.rigel.middleware.Middleware;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one layer (app, router, controller or handler) declares. Merged across layers once, at
 * startup, by {@link MergedLayers}. Mutable while the layer is being configured.
 */
public final class LayerSettings {

    final String description;
    final Map<String, Provide> dependencies = new LinkedHashMap<>();
    final List<Middleware> middleware = new ArrayList<>();
    final List<Guard> guards = new ArrayList<>();
    final Map<Object, ExceptionHandler> exceptionHandlers = new LinkedHashMap<>();
    final Map<String, String[]> responseHeaders = new LinkedHashMap<>();
    final Map<String, Cookie> responseCookies = new LinkedHashMap<>();
    final Map<String, Object> opt = new LinkedHashMap<>();
    final List<String> tags = new ArrayList<>();
    Hooks.BeforeRequest beforeRequest;
    Hooks.AfterRequest afterRequest;
    Hooks.AfterResponse afterResponse;
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

    public void guard(Guard guard) {
        guards.add(java.util.Objects.requireNonNull(guard, "guard"));
    }

    public void exceptionHandler(Object key, ExceptionHandler handler) {
        exceptionHandlers.put(key, java.util.Objects.requireNonNull(handler, "handler"));
    }

    public void responseHeader(String name, String value) {
        responseHeaders.put(name.toLowerCase(Locale.ROOT), new String[] {name, value});
    }

    public void responseCookie(Cookie cookie) {
        responseCookies.put(cookie.name(), cookie);
    }

    public void opt(String key, Object value) {
        opt.put(key, value);
    }

    public void tag(String tag) {
        if (!tags.contains(tag)) {
            tags.add(tag);
        }
    }

    public void beforeRequest(Hooks.BeforeRequest hook) {
        beforeRequest = hook;
    }

    public void afterRequest(Hooks.AfterRequest hook) {
        afterRequest = hook;
    }

    public void afterResponse(Hooks.AfterResponse hook) {
        afterResponse = hook;
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
                || dto instanceof Class<?> type && dev.rigel.dto.AbstractDTO.class.isAssignableFrom(type)
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
}

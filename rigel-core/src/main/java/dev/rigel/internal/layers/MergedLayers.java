package dev.rigel.internal.layers;

import dev.rigel.cache.CacheControlHeader;
import dev.rigel.di.Provide;
import dev.rigel.http.Cookie;
import dev.rigel.http.ExceptionHandler;
import dev.rigel.http.Guard;
import dev.rigel.http.Hooks;
import dev.rigel.middleware.Middleware;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of every layer above a handler (app first, handler last) merged by Litestar's
 * rules (hooks and {@code Cache-Control}: the closest layer's value). Built once per route at startup.
 */
public final class MergedLayers {

    public static final long DEFAULT_MAX_BODY_SIZE = 10L * 1024 * 1024;

    /** A dependency and the layer that declared it (for error messages). */
    public record DeclaredDependency(Provide provide, String layer) {}

    /** A request parameter a layer declared for all its routes: component {@code index} of {@code declaration}. */
    public record DeclaredParameter(Class<? extends Record> declaration, int index, String layer) {

        public java.lang.reflect.RecordComponent component() {
            return declaration.getRecordComponents()[index];
        }
    }

    final List<String> layerDescriptions;
    public final Map<String, DeclaredDependency> dependencies;
    /** The layers' type encoders and decoders, app first (the closest layer's registered last, so they win). */
    public final List<dev.rigel.plugin.SerializationPlugin> serialization;
    /** The layers' declared request parameters by name, the closest layer's winning. */
    public final Map<String, DeclaredParameter> parameters;

    public final List<Middleware> middleware;
    public final List<Guard> guards;
    public final Map<Object, ExceptionHandler> exceptionHandlers;
    final List<String[]> responseHeaders;
    public final List<Cookie> responseCookies;
    /** The responses the layers declared for the OpenAPI document, by status, the closest layer's winning. */
    public final List<dev.rigel.http.DocumentedResponse> documentedResponses;

    public final Map<String, Object> opt;
    public final List<String> tags;
    public final Hooks.BeforeRequest beforeRequest;
    public final Hooks.AfterRequest afterRequest;
    public final Hooks.AfterResponse afterResponse;
    /** The closest layer's {@code Cache-Control}, or null. */
    final CacheControlHeader cacheControl;
    /**
     * The fixed headers every answer of the route carries: Cache-Control (when a layer sets it,
     * first, so it beats a plain layer header of the same name), then the layers' headers.
     */
    public final List<String[]> sentHeaders;

    public final boolean includeInSchema;
    public final long maxBodySize;
    /** the closest layer's DTO class or instance for request bodies, or null */
    public final Object dto;
    /** the closest layer's return DTO, or else {@link #dto} (Litestar's fallback) */
    public final Object returnDto;

    public MergedLayers(List<LayerSettings> layers, Map<String, Provide> overrides) {
        List<String> descriptions = new ArrayList<>();
        Map<String, DeclaredDependency> deps = new LinkedHashMap<>();
        Map<String, DeclaredParameter> declared = new LinkedHashMap<>();
        List<dev.rigel.plugin.SerializationPlugin> serializers = new ArrayList<>();
        List<Middleware> mw = new ArrayList<>();
        List<Guard> gs = new ArrayList<>();
        Map<Object, ExceptionHandler> handlers = new LinkedHashMap<>();
        Map<String, String[]> headers = new LinkedHashMap<>();
        Map<String, Cookie> cookies = new LinkedHashMap<>();
        Map<Integer, dev.rigel.http.DocumentedResponse> documented = new java.util.TreeMap<>();
        Map<String, Object> options = new LinkedHashMap<>();
        List<String> tagList = new ArrayList<>();
        Hooks.BeforeRequest before = null;
        Hooks.AfterRequest after = null;
        Hooks.AfterResponse afterSent = null;
        CacheControlHeader cache = null;
        Boolean include = null;
        Long limit = null;
        Object dataDto = null;
        Object returnedDto = null;
        for (LayerSettings layer : layers) {
            layer.validate();
            descriptions.add(layer.description);
            layer.dependencies.forEach(
                    (key, provide) -> deps.put(key, new DeclaredDependency(provide, layer.description)));
            for (Class<? extends Record> declaration : layer.parameters) {
                java.lang.reflect.RecordComponent[] components = declaration.getRecordComponents();
                for (int i = 0; i < components.length; i++) {
                    declared.put(components[i].getName(), new DeclaredParameter(declaration, i, layer.description));
                }
            }
            serializers.addAll(layer.serialization);
            mw.addAll(layer.middleware);
            gs.addAll(layer.guards);
            handlers.putAll(layer.exceptionHandlers);
            handlers.putAll(layer.statusHandlers);
            layer.responseHeaders.forEach(
                    (name, value) -> headers.put(name.toLowerCase(Locale.ROOT), new String[] {name, value}));
            layer.responseCookies.forEach(cookie -> cookies.put(cookie.name(), cookie));
            documented.putAll(layer.responses);
            options.putAll(layer.opt);
            for (String tag : layer.tags) {
                if (!tagList.contains(tag)) {
                    tagList.add(tag);
                }
            }
            before = layer.beforeRequest != null ? layer.beforeRequest : before;
            after = layer.afterRequest != null ? layer.afterRequest : after;
            afterSent = layer.afterResponse != null ? layer.afterResponse : afterSent;
            cache = layer.cacheControl != null ? layer.cacheControl : cache;
            include = layer.includeInSchema != null ? layer.includeInSchema : include;
            limit = layer.maxBodySize != null ? layer.maxBodySize : limit;
            dataDto = layer.dto != null ? layer.dto : dataDto;
            returnedDto = layer.returnDto != null ? layer.returnDto : returnedDto;
        }
        overrides.forEach((key, provide) -> deps.put(key, new DeclaredDependency(provide, "dependency overrides")));
        Collections.reverse(descriptions);
        this.layerDescriptions = List.copyOf(descriptions);
        this.dependencies = Collections.unmodifiableMap(deps);
        this.parameters = Collections.unmodifiableMap(declared);
        this.serialization = List.copyOf(serializers);
        this.middleware = List.copyOf(mw);
        this.guards = List.copyOf(gs);
        this.exceptionHandlers = Collections.unmodifiableMap(handlers);
        this.responseHeaders = List.copyOf(headers.values());
        this.responseCookies = List.copyOf(cookies.values());
        this.documentedResponses = List.copyOf(documented.values());
        this.opt = Collections.unmodifiableMap(options);
        this.tags = List.copyOf(tagList);
        this.beforeRequest = before;
        this.afterRequest = after;
        this.afterResponse = afterSent;
        this.cacheControl = cache;
        List<String[]> sent = new ArrayList<>(responseHeaders.size() + 1);
        if (cache != null) {
            sent.add(new String[] {"cache-control", cache.toHeaderValue()});
        }
        sent.addAll(responseHeaders);
        this.sentHeaders = List.copyOf(sent);
        this.includeInSchema = include == null || include;
        this.maxBodySize = limit == null ? DEFAULT_MAX_BODY_SIZE : limit;
        this.dto = dataDto;
        this.returnDto = returnedDto != null ? returnedDto : dataDto;
    }

    /** "handler X, controller Y, router /api, app" — nearest first, as searched. */
    public String searchedLayers() {
        return String.join(", ", layerDescriptions);
    }
}

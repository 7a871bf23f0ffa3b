package dev.rigel.internal.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.cache.ResponseCacheConfig;
import dev.rigel.di.Provide;
import dev.rigel.http.Hooks;
import dev.rigel.http.State;
import dev.rigel.internal.layers.LayerSettings;
import dev.rigel.middleware.Middleware;
import dev.rigel.plugin.PluginRegistry;
import dev.rigel.stores.StoreRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What {@code App.Builder} collected that the internals serve from: the app layer and the
 * app-wide settings. The route handlers and the lifecycle hooks stay with the app, which walks
 * the former and binds the latter to itself.
 */
public record AppSettings(
        LayerSettings appLayer,
        State state,
        boolean debug,
        List<Consumer<ObjectMapper>> jsonCustomizers,
        Map<String, Provide> dependencyOverrides,
        List<Middleware> unmatchedRouteMiddleware,
        StoreRegistry stores,
        List<Middleware> builtInMiddleware,
        PluginRegistry plugins,
        List<Hooks.BeforeSend> beforeSend,
        List<Hooks.AfterException> afterException,
        List<Object> listeners,
        ResponseCacheConfig responseCache,
        Duration shutdownDrainTimeout,
        dev.rigel.form.FormConfig forms,
        List<dev.rigel.di.ParameterSource> parameterSources,
        Map<Class<?>, java.util.function.Function<Object, java.util.concurrent.CompletionStage<?>>> asyncResults) {

    /** The same settings with more dependency overrides (later ones win). */
    public AppSettings withDependencyOverrides(Map<String, Provide> overrides) {
        Map<String, Provide> merged = new java.util.LinkedHashMap<>(dependencyOverrides);
        merged.putAll(overrides);
        return new AppSettings(
                appLayer,
                state,
                debug,
                jsonCustomizers,
                Map.copyOf(merged),
                unmatchedRouteMiddleware,
                stores,
                builtInMiddleware,
                plugins,
                beforeSend,
                afterException,
                listeners,
                responseCache,
                shutdownDrainTimeout,
                forms,
                parameterSources,
                asyncResults);
    }
}

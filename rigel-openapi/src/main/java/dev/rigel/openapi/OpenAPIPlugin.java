package dev.rigel.openapi;

import dev.rigel.App;
import dev.rigel.InitPlugin;
import dev.rigel.Route;
import dev.rigel.exceptions.ServiceUnavailableException;
import dev.rigel.http.Response;
import dev.rigel.staticfiles.StaticFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the app's OpenAPI 3.1 document (Litestar's {@code OpenAPIConfig}):
 * {@code GET /schema/openapi.json} and {@code /schema/openapi.yaml} under the configured path, and
 * the configured {@link Renderer UIs} at {@code /schema/swagger}, {@code /schema/redoc},
 * {@code /schema/scalar}, {@code /schema/rapidoc} and {@code /schema/elements} (the first
 * configured one is also the default page at {@code /schema}), their assets served from webjars
 * and bundles in the jar: no CDN, no internet needed.
 *
 * <pre>{@code
 * App.builder()
 *     .routeHandlers(...)
 *     .plugins(OpenAPIPlugin.of(OpenAPIConfig.builder("Shop API", "1.0.0").build()))
 *     .build();
 * }</pre>
 *
 * <p>On by default: with rigel-openapi on the class path, an app that registers no
 * {@code OpenAPIPlugin} gets {@link #defaults()} (through {@link OpenAPIAutoPlugin}). Registering
 * {@code OpenAPIPlugin.of(config)} replaces it, {@link #disabled()} turns the document off.
 *
 * <p>The document is generated once, in a startup hook, from the app's resolved routes, and its
 * JSON and YAML bytes are kept: serving it costs a copy to the socket. The plugin's own routes are
 * left out of the document. {@link OpenAPIConfig.Builder#enabled(boolean) enabled(false)} adds
 * nothing at all. One plugin instance belongs to one app.
 */
public final class OpenAPIPlugin implements InitPlugin {

    private static final String JSON = "application/json";
    private static final String YAML = "application/yaml";
    private static final String HTML = "text/html; charset=utf-8";
    // the asset URLs carry no version, so browsers revalidate (cheaply, by ETag) after an hour
    private static final String ASSET_CACHE = "public, max-age=3600";

    /** The {@code info.title} of the automatic plugin's document. */
    public static final String DEFAULT_TITLE = "Rigel API";
    /** The {@code info.version} of the automatic plugin's document. */
    public static final String DEFAULT_VERSION = "1.0.0";

    private static final Logger LOG = LoggerFactory.getLogger(OpenAPIPlugin.class);

    private final OpenAPIConfig config;
    /** Added by {@link OpenAPIAutoPlugin}, not by the app: it must not keep the app from starting. */
    private final boolean automatic;

    private volatile OpenAPIDocument document;
    /** Why the automatic plugin's document could not be made, or null. */
    private volatile RuntimeException failure;

    private OpenAPIPlugin(OpenAPIConfig config) {
        this(config, false);
    }

    private OpenAPIPlugin(OpenAPIConfig config, boolean automatic) {
        this.config = Objects.requireNonNull(config, "config");
        this.automatic = automatic;
    }

    /** {@link #defaults()}, added because the app registered no plugin of its own. */
    static OpenAPIPlugin automatic() {
        return new OpenAPIPlugin(
                OpenAPIConfig.builder(DEFAULT_TITLE, DEFAULT_VERSION).build(), true);
    }

    /** The plugin serving the document {@code config} describes; it replaces the automatic one. */
    public static OpenAPIPlugin of(OpenAPIConfig config) {
        return new OpenAPIPlugin(config);
    }

    /**
     * The plugin an app gets without asking, when rigel-openapi is on the class path: title
     * {@value #DEFAULT_TITLE}, version {@value #DEFAULT_VERSION}, served at {@code /schema} with
     * every UI (Litestar's default {@code OpenAPIConfig}).
     */
    public static OpenAPIPlugin defaults() {
        return new OpenAPIPlugin(
                OpenAPIConfig.builder(DEFAULT_TITLE, DEFAULT_VERSION).build());
    }

    /**
     * No OpenAPI document and no {@code /schema} routes: registered on an app, it takes the place
     * of the automatic plugin. {@code App.builder().plugins(OpenAPIPlugin.disabled())}.
     */
    public static OpenAPIPlugin disabled() {
        return new OpenAPIPlugin(OpenAPIConfig.builder(DEFAULT_TITLE, DEFAULT_VERSION)
                .enabled(false)
                .build());
    }

    public OpenAPIConfig config() {
        return config;
    }

    /** The document generated at the app's startup; empty before it. */
    public java.util.Optional<OpenAPIDocument> document() {
        return java.util.Optional.ofNullable(document);
    }

    @Override
    public void onAppInit(App.Builder app) {
        if (!config.enabled()) {
            return;
        }
        String base = config.path();
        List<Object> handlers = new ArrayList<>();
        for (Renderer renderer : config.renderers()) {
            String at = base + "/" + renderer.segment();
            String assets = at + "/assets";
            String page = UiPages.page(renderer, config.title(), base, assets);
            if (handlers.isEmpty()) {
                // {path} itself shows the first configured UI, as in Litestar
                handlers.add(Route.get(base, () -> Response.of(page).mediaType(HTML))
                        .name("openapi")
                        .includeInSchema(false));
            }
            String name = "openapi." + renderer.segment();
            handlers.add(Route.get(at, () -> Response.of(page).mediaType(HTML))
                    .name(name)
                    .includeInSchema(false));
            handlers.add(StaticFiles.builder(assets)
                    .classpath(UiAssets.directory(renderer))
                    .name(name + ".assets")
                    .layer(router -> router.responseHeader("Cache-Control", ASSET_CACHE))
                    .build());
        }
        handlers.add(Route.get(
                        base + "/openapi.json",
                        () -> Response.of(started().jsonBytes()).mediaType(JSON))
                .name("openapi.json")
                .includeInSchema(false));
        handlers.add(Route.get(
                        base + "/openapi.yaml",
                        () -> Response.of(started().yamlBytes()).mediaType(YAML))
                .name("openapi.yaml")
                .includeInSchema(false));
        for (String at : config.alsoServedAt()) {
            boolean yaml = at.endsWith(".yaml") || at.endsWith(".yml");
            handlers.add(Route.get(
                            at,
                            () -> Response.of(
                                            yaml
                                                    ? started().yamlBytes()
                                                    : started().jsonBytes())
                                    .mediaType(yaml ? YAML : JSON))
                    .includeInSchema(false));
        }
        app.routeHandlers(handlers.toArray()).onStartup(this::generate);
    }

    private void generate(App app) {
        try {
            document = OpenAPIDocument.of(app, config);
        } catch (RuntimeException e) {
            if (!automatic) {
                throw e; // the app asked for this document: a mistake in it fails startup
            }
            // the app never asked for a document: say why there is none, but let the app start
            failure = e;
            LOG.warn(
                    "The automatic OpenAPI document (rigel-openapi is on the class path) could not be made: {}."
                            + " Configure it with App.builder().plugins(OpenAPIPlugin.of(OpenAPIConfig...)), or turn it off"
                            + " with plugins(OpenAPIPlugin.disabled()); until then {} answers 503",
                    e.getMessage(),
                    config.path());
        }
    }

    private OpenAPIDocument started() {
        OpenAPIDocument current = document;
        if (current == null && failure != null) {
            throw new ServiceUnavailableException("The OpenAPI document could not be made; the server log says why");
        }
        if (current == null) {
            // only an app served without its startup lifespan gets here
            throw new ServiceUnavailableException("The OpenAPI document is made at startup, which has not run");
        }
        return current;
    }
}

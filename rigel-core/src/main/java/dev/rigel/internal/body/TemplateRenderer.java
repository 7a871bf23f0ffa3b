package dev.rigel.internal.body;

import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.Request;
import dev.rigel.http.Response;
import dev.rigel.response.Template;
import dev.rigel.template.TemplateContext;
import dev.rigel.template.TemplateEngine;
import dev.rigel.template.UrlFor;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@link Template} responses with the app's engine (the {@link TemplateEngine} plugin),
 * giving every template {@code request}, {@code url_for} and, under CSRF protection,
 * {@code csrf_token}. The result is a plain text response, encoded like any handler's string.
 */
public final class TemplateRenderer {

    /** Content types of the text formats templates produce; the rest are plain text. */
    private static final Map<String, String> TYPES = Map.of(
            "html",
            "text/html; charset=utf-8",
            "htm",
            "text/html; charset=utf-8",
            "xml",
            "application/xml; charset=utf-8",
            "json",
            "application/json",
            "css",
            "text/css; charset=utf-8",
            "js",
            "text/javascript; charset=utf-8",
            "csv",
            "text/csv; charset=utf-8",
            "md",
            "text/markdown; charset=utf-8",
            "svg",
            "image/svg+xml; charset=utf-8",
            "txt",
            "text/plain; charset=utf-8");

    private static final String HTML = "text/html; charset=utf-8";

    private final TemplateEngine engine;
    private final UrlFor urls;

    public TemplateRenderer(TemplateEngine engine, UrlFor urls) {
        this.engine = engine;
        this.urls = urls;
    }

    public boolean hasEngine() {
        return engine != null;
    }

    /** The response with the template replaced by its rendered text and a content type set. */
    Response<String> render(Response<?> response, Template template, Request request, String routeType) {
        if (engine == null) {
            throw new ImproperlyConfiguredException("A handler returned " + template + " but the app has no template"
                    + " engine; register one as a plugin, e.g. App.builder().plugins(PebbleTemplates.classpath("
                    + "\"templates\")) from rigel-pebble");
        }
        Map<String, Object> context = new HashMap<>(template.context());
        String root = request == null ? "" : request.scope().rootPath();
        // an app mounted under a prefix (Mount) names its routes below that prefix
        context.putIfAbsent(
                "url_for",
                root.isEmpty() ? urls : (UrlFor) (name, params, query) -> root + urls.path(name, params, query));
        if (request != null) {
            context.putIfAbsent("request", request);
            TemplateContext.addTo(context, request.state());
        }
        boolean inline = template.name() == null;
        String text =
                inline ? engine.renderString(template.source(), context) : engine.render(template.name(), context);
        String type = response.mediaType() != null
                ? response.mediaType()
                : template.mediaType() != null
                        ? template.mediaType()
                        : routeType != null
                                ? routeType
                                // an inline template has no extension to go by: HTML, as in Litestar
                                : inline ? HTML : mediaType(template.name());
        return response.withContent(text).mediaType(type);
    }

    static String mediaType(String name) {
        int dot = name.lastIndexOf('.');
        String known = dot < 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        return known != null ? known : ResponseEncoder.TEXT;
    }
}

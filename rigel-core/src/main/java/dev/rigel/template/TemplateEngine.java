package dev.rigel.template;

import dev.rigel.plugin.Plugin;
import java.util.Map;

/**
 * Renders named templates: the SPI behind the {@link dev.rigel.response.Template} response. An app gets one by
 * registering it as a plugin, e.g. {@code App.builder().plugins(PebbleTemplates.classpath("templates"))}
 * from {@code rigel-pebble}.
 *
 * <p>Besides the handler's own values, the context Rigel passes holds {@code request} (the
 * {@link dev.rigel.http.Request}), {@code url_for} (a {@link UrlFor} building route paths by name), and,
 * when CSRF protection runs, {@code csrf_token}. An engine exposes these the way its template
 * language calls things (a {@code url_for(…)} function, say), and escapes HTML in HTML templates
 * by default.
 */
public interface TemplateEngine extends Plugin {

    /**
     * The rendered text of template {@code name}.
     *
     * @throws TemplateNotFoundException when the engine has no template of that name
     */
    String render(String name, Map<String, Object> context);

    /**
     * The rendered text of a template given as its source ({@link
     * dev.rigel.response.Template#fromString}). An engine compiles each distinct source once and
     * keeps a bounded number of them, so a handler that returns the same inline template on every
     * request does not compile it on every request. Engines that cannot compile strings keep this
     * default, which refuses.
     */
    default String renderString(String source, Map<String, Object> context) {
        throw new UnsupportedOperationException(
                this + " cannot render templates given as strings; return a named Template.of(…) instead");
    }
}

package dev.rigel.response;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A response rendered from a template by the app's {@link dev.rigel.template.TemplateEngine}:
 *
 * <pre>{@code
 * @Get("/users/{user_id:int}")
 * public Template show(int userId, Database db) {
 *     return Template.of("user.html", Map.of("user", db.user(userId)));
 * }
 * }</pre>
 *
 * <p>{@link #fromString} renders a template written inline instead of a named one (Litestar's
 * {@code Template(template_str=…)}); the engine compiles each distinct string once and keeps a
 * bounded number of them. An inline template is HTML unless {@link #mediaType} says otherwise.
 *
 * <p>The content type follows the template name's extension ({@code .html} →
 * {@code text/html; charset=utf-8}, {@code .txt}, {@code .xml}, {@code .json}, {@code .css},
 * {@code .js}, …; anything else is {@code text/plain}) unless {@link #mediaType} or the
 * {@code Response} says otherwise. Rendering happens while the handler's error handling still
 * applies: a missing template is a 500, logged with its cause. The rendered text is an ordinary
 * body, so {@code Response.etag(…)} and compression work as for any other.
 *
 * <p>Immutable; each method returns a copy.
 */
public final class Template implements ResponseContent {

    private final String name;
    private final String source;
    private final Map<String, Object> context;
    private final String mediaType;

    private Template(String name, String source, Map<String, Object> context, String mediaType) {
        this.name = name;
        this.source = source;
        this.context = context;
        this.mediaType = mediaType;
    }

    /** Template {@code name} with an empty context. */
    public static Template of(String name) {
        return new Template(Objects.requireNonNull(name, "name"), null, Map.of(), null);
    }

    /** Template {@code name} with {@code context} as its variables. */
    public static Template of(String name, Map<String, ?> context) {
        return new Template(Objects.requireNonNull(name, "name"), null, copy(context), null);
    }

    /**
     * A template written inline, {@code Template.fromString("<p>Hello {{ name }}</p>")}, rendered
     * by the app's engine with the same context and functions as a named one.
     */
    public static Template fromString(String source) {
        return new Template(null, Objects.requireNonNull(source, "source"), Map.of(), null);
    }

    /** An inline template with {@code context} as its variables. */
    public static Template fromString(String source, Map<String, ?> context) {
        return new Template(null, Objects.requireNonNull(source, "source"), copy(context), null);
    }

    /** The same template with one more variable. */
    public Template with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(context);
        more.put(Objects.requireNonNull(key, "key"), value);
        return new Template(name, source, Collections.unmodifiableMap(more), mediaType);
    }

    /** An explicit content type instead of the one guessed from the template name. */
    public Template mediaType(String newMediaType) {
        return new Template(name, source, context, Objects.requireNonNull(newMediaType, "mediaType"));
    }

    private static Map<String, Object> copy(Map<String, ?> values) {
        // LinkedHashMap rather than Map.copyOf: template variables may legitimately be null
        return Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "context")));
    }

    /** The template's name, or null for an inline template. */
    public String name() {
        return name;
    }

    /** The inline template's text, or null for a named template. */
    public String source() {
        return source;
    }

    /** The handler's variables (Rigel adds {@code request}, {@code url_for} and {@code csrf_token}). */
    public Map<String, Object> context() {
        return context;
    }

    /** The explicit content type, or null to choose one from the name. */
    public String mediaType() {
        return mediaType;
    }

    @Override
    public String toString() {
        return name != null ? "Template[" + name + "]" : "Template[inline, " + source.length() + " chars]";
    }
}

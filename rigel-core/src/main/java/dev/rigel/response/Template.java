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
    private final Map<String, Object> context;
    private final String mediaType;

    private Template(String name, Map<String, Object> context, String mediaType) {
        this.name = name;
        this.context = context;
        this.mediaType = mediaType;
    }

    /** Template {@code name} with an empty context. */
    public static Template of(String name) {
        return new Template(Objects.requireNonNull(name, "name"), Map.of(), null);
    }

    /** Template {@code name} with {@code context} as its variables. */
    public static Template of(String name, Map<String, ?> context) {
        return new Template(Objects.requireNonNull(name, "name"), copy(context), null);
    }

    /** The same template with one more variable. */
    public Template with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(context);
        more.put(Objects.requireNonNull(key, "key"), value);
        return new Template(name, Collections.unmodifiableMap(more), mediaType);
    }

    /** An explicit content type instead of the one guessed from the template name. */
    public Template mediaType(String newMediaType) {
        return new Template(name, context, Objects.requireNonNull(newMediaType, "mediaType"));
    }

    private static Map<String, Object> copy(Map<String, ?> values) {
        // LinkedHashMap rather than Map.copyOf: template variables may legitimately be null
        return Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "context")));
    }

    public String name() {
        return name;
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
        return "Template[" + name + "]";
    }
}

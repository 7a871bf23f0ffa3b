package dev.rigel.pebble;

import dev.rigel.pebble.internal.BoundedTemplateCache;
import dev.rigel.pebble.internal.RigelFunctions;
import dev.rigel.template.TemplateEngine;
import dev.rigel.template.TemplateNotFoundException;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.LoaderException;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.loader.FileLoader;
import io.pebbletemplates.pebble.loader.Loader;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Rigel's default {@link TemplateEngine}: <a href="https://pebbletemplates.io">Pebble</a>, with
 * HTML auto-escaping on. Register it as a plugin and return
 * {@link dev.rigel.response.Template}s from handlers:
 *
 * <pre>{@code
 * App.builder().plugins(PebbleTemplates.classpath("templates"))   // src/main/resources/templates
 * }</pre>
 *
 * <p>Templates get Rigel's context ({@code request}, {@code csrf_token} under CSRF protection)
 * and these functions:
 * <ul>
 *   <li>{@code url_for(name, params, query)}: the path of a named route,
 *       {@code {{ url_for('get_user', {'user_id': user.id}) }}};</li>
 *   <li>{@code url_for_static(file_path, name='static')}: a file under a static files router;</li>
 *   <li>{@code csrf_input()}: a hidden {@code _csrf_token} input for forms, empty without CSRF;</li>
 *   <li>{@code get_flashes()}: the {@link dev.rigel.flash.Flash flash messages} waiting in the
 *       session, taken out so each shows once (each has {@code message} and {@code category}).</li>
 * </ul>
 */
public final class PebbleTemplates implements TemplateEngine {

    private final PebbleEngine engine;
    /** renders inline templates: the same settings, but its cache of compiled texts has a limit */
    private final PebbleEngine inlineEngine;

    private PebbleTemplates(PebbleEngine engine, PebbleEngine inlineEngine) {
        this.engine = engine;
        this.inlineEngine = inlineEngine;
    }

    /** Templates from a class path directory, e.g. {@code "templates"} for {@code src/main/resources/templates}. */
    public static PebbleTemplates classpath(String directory) {
        return builder().classpath(directory).build();
    }

    /** Templates from a directory on disk. */
    public static PebbleTemplates directory(Path directory) {
        return builder().directory(directory).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String render(String name, Map<String, Object> context) {
        PebbleTemplate template;
        try {
            template = engine.getTemplate(name);
        } catch (LoaderException e) {
            throw new TemplateNotFoundException(name, e);
        }
        StringWriter out = new StringWriter();
        try {
            template.evaluate(out, context);
        } catch (IOException e) {
            throw new UncheckedIOException("Rendering template '" + name + "' failed", e);
        }
        return out.toString();
    }

    /**
     * Renders an inline template ({@code Template.fromString(…)}). Each distinct text is compiled
     * once and kept among the most recently used {@link Builder#inlineCacheSize} texts; templates
     * it includes or extends load as named ones do.
     */
    @Override
    public String renderString(String source, Map<String, Object> context) {
        PebbleTemplate template = inlineEngine.getLiteralTemplate(source);
        StringWriter out = new StringWriter();
        try {
            template.evaluate(out, context);
        } catch (IOException e) {
            throw new UncheckedIOException("Rendering an inline template failed", e);
        }
        return out.toString();
    }

    /** The underlying Pebble engine, for rendering outside a response (e-mails, say). */
    public PebbleEngine engine() {
        return engine;
    }

    @Override
    public String toString() {
        return "PebbleTemplates";
    }

    /** Configures a {@link PebbleTemplates}. */
    public static final class Builder {
        private Loader<?> loader;
        private boolean cache = true;
        private boolean strictVariables;
        private Consumer<PebbleEngine.Builder> customizer = builder -> {};
        private int inlineCacheSize = 256;

        private Builder() {}

        /** Templates from a class path directory (of the thread's context class loader). */
        public Builder classpath(String directory) {
            ClassLoader classLoader = Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader()
                    : PebbleTemplates.class.getClassLoader();
            ClasspathLoader classpath = new ClasspathLoader(classLoader);
            classpath.setPrefix(strip(Objects.requireNonNull(directory, "directory")));
            this.loader = classpath;
            return this;
        }

        /** Templates from a directory on disk. */
        public Builder directory(Path directory) {
            FileLoader files = new FileLoader();
            files.setPrefix(Objects.requireNonNull(directory, "directory")
                    .toAbsolutePath()
                    .toString());
            this.loader = files;
            return this;
        }

        /** Whether parsed templates are kept (default on; off re-reads templates on each render, for development). */
        public Builder cache(boolean enabled) {
            this.cache = enabled;
            return this;
        }

        /** Whether an undefined variable is an error instead of empty (default off). */
        public Builder strictVariables(boolean enabled) {
            this.strictVariables = enabled;
            return this;
        }

        /**
         * How many compiled inline templates ({@code Template.fromString}) are kept, the least
         * recently used going first (default 256). Templates they include count too.
         */
        public Builder inlineCacheSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("inlineCacheSize must be at least 1, got " + size);
            }
            this.inlineCacheSize = size;
            return this;
        }

        /** Any further Pebble setting (extensions, escaping strategies, locale). */
        public Builder customize(Consumer<PebbleEngine.Builder> settings) {
            this.customizer = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public PebbleTemplates build() {
            if (loader == null) {
                throw new IllegalStateException("Say where templates are: classpath(…) or directory(…)");
            }
            PebbleEngine named = configured().build();
            PebbleEngine.Builder inline = configured();
            if (cache) {
                inline.templateCache(new BoundedTemplateCache(inlineCacheSize));
            }
            return new PebbleTemplates(named, inline.build());
        }

        private PebbleEngine.Builder configured() {
            PebbleEngine.Builder builder = new PebbleEngine.Builder()
                    .loader(loader)
                    .autoEscaping(true)
                    .cacheActive(cache)
                    .strictVariables(strictVariables)
                    .extension(new RigelFunctions());
            customizer.accept(builder);
            return builder;
        }

        private static String strip(String directory) {
            String trimmed = directory.startsWith("/") ? directory.substring(1) : directory;
            return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        }
    }
}

package dev.rigel.staticfiles;

import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.http.Guard;
import dev.rigel.http.Request;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A router that serves files from directories, Litestar's {@code create_static_files_router}:
 *
 * <pre>{@code
 * App.builder().routeHandlers(
 *     StaticFiles.router("/static", Path.of("public")),
 *     StaticFiles.builder("/").classpath("site").htmlMode(true).name("site").build());
 * }</pre>
 *
 * <p>{@code GET /static/css/site.css} answers with {@code public/css/site.css} as a
 * {@link dev.rigel.response.FileResponse} shown inline: content type by extension, {@code ETag},
 * {@code Last-Modified}, 304 for a current copy, single byte ranges, HEAD. Several directories are
 * searched in order. In HTML mode a directory answers with its {@code index.html} (after a redirect
 * adding the trailing slash, so the page's relative links work), and a missing file with the first
 * {@code 404.html} found, status 404. Anything else missing is the standard JSON 404. A class path
 * directory packed in a jar is served the same way, read from the jar's entries.
 *
 * <p>Nothing outside the directories is ever served: each raw path segment is percent-decoded once
 * and refused when it is {@code .}/{@code ..} or contains a separator ({@code /}, {@code \}, also
 * encoded) or a control character; the file's real path (symbolic links resolved) must lie in the
 * directory's real path, so a link pointing outside is refused too; files and directories whose
 * names start with a dot are hidden unless {@link Builder#allowHiddenFiles}. Every refusal is a 404,
 * indistinguishable from a missing file.
 *
 * <p>The route is named {@code "static"} unless {@link Builder#name} says otherwise, so
 * {@code request.urlFor("static", Map.of("file_path", "css/site.css"))} (and a template's
 * {@code url_for}) builds its links.
 */
public final class StaticFiles {

    /** The name of the path parameter holding the file's path below the router's prefix. */
    public static final String FILE_PATH = "file_path";

    private StaticFiles() {}

    /** A router serving the files of {@code directories} (searched in order) under {@code path}. */
    public static Router router(String path, Path... directories) {
        return builder(path).directories(directories).build();
    }

    public static Builder builder(String path) {
        return new Builder(path);
    }

    /** Configures a static files {@link Router}. */
    public static final class Builder {
        private final String path;
        private final List<StaticRoot> roots = new ArrayList<>();
        private boolean htmlMode;
        private boolean attachment;
        private boolean allowHidden;
        private String name = "static";
        private final List<Consumer<Router.Builder>> layer = new ArrayList<>();

        private Builder(String path) {
            this.path = Objects.requireNonNull(path, "path");
        }

        /** Directories on disk, searched in order; each must exist when the router is built. */
        public Builder directories(Path... directories) {
            for (Path directory : directories) {
                roots.add(StaticRoot.directory(Objects.requireNonNull(directory, "directory")));
            }
            return this;
        }

        /**
         * A directory on the class path ({@code "static"} for {@code src/main/resources/static}),
         * also when it is packed in the application's jar (then read from the jar's entries, without
         * opening a zip file system).
         */
        public Builder classpath(String resourceDirectory) {
            return classpath(
                    resourceDirectory,
                    Thread.currentThread().getContextClassLoader() != null
                            ? Thread.currentThread().getContextClassLoader()
                            : StaticFiles.class.getClassLoader());
        }

        /** A directory on the class path of {@code loader}. */
        public Builder classpath(String resourceDirectory, ClassLoader loader) {
            roots.add(StaticRoot.classpath(Objects.requireNonNull(resourceDirectory, "resourceDirectory"), loader));
            return this;
        }

        /** Serve {@code index.html} for directories and {@code 404.html} for missing files (default off). */
        public Builder htmlMode(boolean enabled) {
            this.htmlMode = enabled;
            return this;
        }

        /** {@code Content-Disposition: attachment}, so browsers save files instead of showing them (default off). */
        public Builder sendAsAttachment(boolean enabled) {
            this.attachment = enabled;
            return this;
        }

        /** Also serve files and directories whose names start with a dot (default off: {@code .env}, {@code .git}). */
        public Builder allowHiddenFiles(boolean enabled) {
            this.allowHidden = enabled;
            return this;
        }

        /** The route's name for {@code urlFor} (default {@code "static"}); unique in the app. */
        public Builder name(String routeName) {
            this.name = Objects.requireNonNull(routeName, "name");
            return this;
        }

        /** Guards run before a file is served, e.g. to keep downloads for signed-in users. */
        public Builder guards(Guard... guards) {
            layer.add(router -> router.guards(guards));
            return this;
        }

        /** Free-form metadata on the route, as any layer's {@code opt}. */
        public Builder opt(String key, Object value) {
            layer.add(router -> router.opt(key, value));
            return this;
        }

        /** Whether the route appears in the OpenAPI schema (default: it does not). */
        public Builder includeInSchema(boolean include) {
            layer.add(router -> router.includeInSchema(include));
            return this;
        }

        /**
         * Any other setting of the router's layer: middleware, response headers (a
         * {@code Cache-Control} for assets), dependencies, exception handlers.
         */
        public Builder layer(Consumer<Router.Builder> settings) {
            layer.add(Objects.requireNonNull(settings, "settings"));
            return this;
        }

        public Router build() {
            if (roots.isEmpty()) {
                throw new dev.rigel.exceptions.ImproperlyConfiguredException("Static files router " + path
                        + " has no directories; add some with directories(…) or classpath(…)");
            }
            StaticFilesHandler handler = new StaticFilesHandler(roots, htmlMode, attachment, allowHidden);
            Route route = Route.get("/{" + FILE_PATH + ":path}", (Request request) -> handler.serve(request))
                    .name(name);
            Router.Builder router = Router.builder(path).includeInSchema(false).routeHandlers(route);
            layer.forEach(settings -> settings.accept(router));
            return router.build();
        }
    }
}

package dev.rigel;

import dev.rigel.protocol.Application;
import java.util.Objects;

/**
 * Another application served under a path prefix (Litestar's {@code @asgi(path, is_mount=True)}):
 * every request at or below the prefix, whatever its method, and WebSocket connections there, go to
 * it, with the rest of the path as its path ({@code GET /legacy/users/1} reaches it as {@code
 * /users/1}, with {@code rootPath()} {@code /legacy}). It may be another Rigel {@code App} (started
 * and stopped with this one) or any {@link Application}.
 *
 * <pre>{@code
 * App.builder().routeHandlers(
 *         Router.builder("/api").middleware(auth).routeHandlers(Mount.of("/v1", legacyApp)).build())
 * }</pre>
 *
 * A mount is a layer: the middleware and guards of its layers and its own run before the mounted
 * application sees the request, and their exception handlers answer what they refuse. Routes this
 * app declares below the prefix are matched first.
 */
public final class Mount extends LayerBuilder<Mount> {

    private final String path;
    private final Application application;
    private String name;

    private Mount(String path, Application application) {
        super("mount " + path);
        this.path = Objects.requireNonNull(path, "path");
        this.application = Objects.requireNonNull(application, "application");
    }

    /** Serves {@code application} under {@code path}. */
    public static Mount of(String path, Application application) {
        return new Mount(path, application);
    }

    /** Names the mount in route listings (its path otherwise). */
    public Mount name(String mountName) {
        this.name = Objects.requireNonNull(mountName, "name");
        return this;
    }

    String path() {
        return path;
    }

    Application application() {
        return application;
    }

    String name() {
        return name != null ? name : "mount " + path;
    }
}

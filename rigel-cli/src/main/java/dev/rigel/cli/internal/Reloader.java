package dev.rigel.cli.internal;

import dev.rigel.App;
import dev.rigel.config.Config;
import dev.rigel.netty.RigelServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code run --reload}: serves the app, watches its compiled classes, and when they change builds
 * the app again in a fresh class loader and swaps it in behind the same server and port. The app
 * is rebuilt by calling its {@code main} again in the new loader: {@code Rigel.cli} there hands the
 * built app back here instead of starting a server. A reload that fails (a class that no longer
 * links, a factory that throws) is logged and the previous app keeps serving.
 */
final class Reloader {

    private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);
    /** Changes closer together than this are one reload (a build writes many class files). */
    private static final long SETTLE_MILLIS = 150;

    /** What a rebuild in the new loader needs: the settings flags typed, and where the app goes. */
    private record Rebuild(List<String> flags, Consumer<App> built) {}

    /** Set while a reload runs the app's main in the new loader. */
    private static final ThreadLocal<Rebuild> REBUILD = new ThreadLocal<>();

    private final AppLauncher launcher;
    private final Config config;
    private final List<String> flags;
    private final PrintWriter out;

    Reloader(AppLauncher launcher, Config config, List<String> flags, PrintWriter out) {
        this.launcher = launcher;
        this.config = config;
        this.flags = List.copyOf(flags);
        this.out = out;
    }

    /** Whether this thread is rebuilding an app for a reload. */
    static boolean rebuilding() {
        return REBUILD.get() != null;
    }

    /**
     * In the new loader: builds the app with the launcher there (whose settings record is the new
     * loader's class) from the same flags, and hands it to the reload that asked.
     */
    static void rebuild(AppLauncher launcher) {
        Rebuild rebuild = REBUILD.get();
        rebuild.built().accept(launcher.app(launcher.config(rebuild.flags())));
    }

    int run() throws Exception {
        Path classes = classDirectory();
        App first = build(classes);
        SwappableApplication app = new SwappableApplication(first);
        RigelServer server = new RigelServer(app, launcher.serverConfig(config)).start();
        out.println("Reloading on changes under " + classes);
        out.flush();
        Thread watcher = Thread.ofPlatform().daemon().name("rigel-reload").start(() -> watch(classes, app, server));
        server.awaitShutdown();
        watcher.interrupt();
        return 0;
    }

    private void watch(Path classes, SwappableApplication app, RigelServer server) {
        try (WatchService watch = FileSystems.getDefault().newWatchService()) {
            register(watch, classes);
            while (server.isRunning()) {
                WatchKey key = watch.poll(250, TimeUnit.MILLISECONDS);
                if (key == null) {
                    continue;
                }
                drain(watch, key);
                long quietSince = System.nanoTime();
                while (System.nanoTime() - quietSince < TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS)) {
                    WatchKey more = watch.poll(SETTLE_MILLIS, TimeUnit.MILLISECONDS);
                    if (more != null) {
                        drain(watch, more);
                        quietSince = System.nanoTime();
                    }
                }
                reload(classes, app);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("Reloading stopped: cannot watch {}: {}", classes, e.toString());
        }
    }

    private void reload(Path classes, SwappableApplication app) {
        long start = System.nanoTime();
        try {
            app.swap(build(classes));
            LOG.info("Reloaded the app in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (Exception | LinkageError e) {
            LOG.warn("Reload failed, still serving the previous version: {}", CommandLines.describe(e));
        }
    }

    /** Builds the app from the class directory as it is now, through the app's own {@code main}. */
    private App build(Path classes) throws Exception {
        ReloadingClassLoader loader =
                new ReloadingClassLoader(classes, launcher.mainClass().getClassLoader());
        Class<?> main = Class.forName(launcher.mainClass().getName(), true, loader);
        Method entry = main.getMethod("main", String[].class);
        App[] built = new App[1];
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        REBUILD.set(new Rebuild(flags, app -> built[0] = app));
        try {
            entry.invoke(null, (Object) launcher.args().toArray(String[]::new));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            REBUILD.remove();
            Thread.currentThread().setContextClassLoader(previous);
        }
        if (built[0] == null) {
            throw new IllegalStateException(main.getName() + ".main did not build an app through Rigel.cli");
        }
        return built[0];
    }

    /** The directory the app's classes were loaded from; a jar cannot be reloaded. */
    private Path classDirectory() {
        Path location = launcher.codeLocation();
        if (location == null) {
            throw new IllegalStateException(
                    "--reload cannot find where " + launcher.mainClass().getName() + " was loaded from");
        }
        if (!Files.isDirectory(location)) {
            throw new IllegalStateException("--reload needs the app's compiled classes as a directory (target/classes),"
                    + " as when run from an IDE or ./mvnw exec:java; " + location.getFileName() + " is a jar");
        }
        return location;
    }

    private static void register(WatchService watch, Path root) throws IOException {
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path dir : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                dir.register(
                        watch,
                        StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    /** Consumes a key's events; a new package directory is watched too. */
    private static void drain(WatchService watch, WatchKey key) throws IOException {
        Path dir = (Path) key.watchable();
        for (var event : key.pollEvents()) {
            if (event.context() instanceof Path name && Files.isDirectory(dir.resolve(name))) {
                register(watch, dir.resolve(name));
            }
        }
        key.reset();
    }
}

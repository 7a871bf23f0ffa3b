package dev.rigel.cli;

import dev.rigel.App;
import dev.rigel.cli.internal.AppLauncher;
import dev.rigel.cli.internal.CommandLines;
import dev.rigel.config.ServerSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An app's command line, configurable before it runs. {@link Rigel#cli} is the common case; use this
 * to name the command, add aliases for settings, or run it in a test and read its exit code:
 *
 * <pre>{@code
 * int status = RigelCli.of(AppSettings.class, MyApp::create)
 *         .name("my-app")
 *         .alias("database.url", "database-url")
 *         .execute("routes", "--json");
 * }</pre>
 *
 * <p>Settings come from the app's settings record (if any) and {@link ServerSettings} under
 * {@code server.*}; {@code --host}/{@code HOST} and {@code --port}/{@code PORT} are aliases of
 * {@code server.host} and {@code server.port}, {@code --tls-cert}/{@code --tls-key} of the TLS files.
 */
public final class RigelCli {

    private final Class<? extends Record> settingsType;
    private final Function<Object, App> factory;
    private final Map<String, List<String>> aliases = new LinkedHashMap<>();
    private String name;
    private Map<String, String> environment = System.getenv();
    private Path directory = Path.of("");
    private PrintWriter out;
    private PrintWriter err;

    private RigelCli(Class<? extends Record> settingsType, Function<Object, App> factory) {
        this.settingsType = settingsType;
        this.factory = factory;
        alias("server.host", "host");
        alias("server.port", "port");
        alias("server.tls-certificate", "tls-cert");
        alias("server.tls-private-key", "tls-key");
    }

    /** The command line of an app without settings of its own. */
    public static RigelCli of(Supplier<App> app) {
        Objects.requireNonNull(app, "app");
        return new RigelCli(null, settings -> app.get());
    }

    /** The command line of an app built from its settings record. */
    @SuppressWarnings("unchecked")
    public static <S extends Record> RigelCli of(Class<S> settings, Function<S, App> app) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(app, "app");
        return new RigelCli(settings, value -> app.apply((S) value));
    }

    /** The command's name in usage lines (default: {@code java -jar <the app's jar>}, or {@code app}). */
    public RigelCli name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** More names for a setting, each a flag and an environment variable (see {@code Config.Builder.alias}). */
    public RigelCli alias(String key, String... names) {
        aliases.computeIfAbsent(key, k -> new ArrayList<>()).addAll(Arrays.asList(names));
        return this;
    }

    /** The environment settings are read from (default: the process's). */
    public RigelCli environment(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        return this;
    }

    /** Where {@code application.yaml} is looked for (default: the working directory). */
    public RigelCli directory(Path directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
        return this;
    }

    /** Where output and errors go (default: standard output and standard error). */
    public RigelCli output(PrintWriter out, PrintWriter err) {
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        return this;
    }

    /**
     * Runs the command the arguments name and returns its exit status: 0 on success, 2 for bad
     * input, 1 when the app fails. {@code run} returns once the server has stopped.
     */
    public int execute(String... args) {
        CommandLines.preinitializeIfServing(args); // `train` too, so its AOT cache records the same start
        if (CommandLines.rebuildingForReload()) {
            // `run --reload` is calling the app's main again in a fresh class loader: build, hand over
            return CommandLines.rebuild(new AppLauncher(
                    settingsType, factory, aliases, environment, directory, caller(), name, List.of(args)));
        }
        AppLauncher launcher =
                new AppLauncher(settingsType, factory, aliases, environment, directory, caller(), name, List.of(args));
        return CommandLines.execute(launcher, out, err, args);
    }

    /** The class whose code called {@link Rigel#cli} or {@link #execute}: its jar names the command. */
    private static Class<?> caller() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(c -> c != RigelCli.class && c != Rigel.class)
                        .findFirst()
                        .orElse(RigelCli.class));
    }
}

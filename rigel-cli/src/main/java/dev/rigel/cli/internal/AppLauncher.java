package dev.rigel.cli.internal;

import dev.rigel.App;
import dev.rigel.config.Config;
import dev.rigel.config.ServerSettings;
import dev.rigel.config.Setting;
import dev.rigel.netty.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What every command needs from the app: its settings (bound from the command's flags and the
 * other sources) and the app built from them, plus the server's configuration for {@code run}.
 */
public final class AppLauncher {

    private final Class<? extends Record> settingsType;
    private final Function<Object, App> factory;
    private final Map<String, List<String>> aliases;
    private final Map<String, String> environment;
    private final Path directory;
    private final Class<?> mainClass;
    private final String name;
    private final List<String> args;

    public AppLauncher(
            Class<? extends Record> settingsType,
            Function<Object, App> factory,
            Map<String, List<String>> aliases,
            Map<String, String> environment,
            Path directory,
            Class<?> mainClass,
            String name,
            List<String> args) {
        this.settingsType = settingsType;
        this.factory = factory;
        this.aliases = Map.copyOf(aliases);
        this.environment = environment;
        this.directory = directory;
        this.mainClass = mainClass;
        this.name = name;
        this.args = List.copyOf(args);
    }

    /** The arguments the command line was given (a reload runs the app's main with them again). */
    public List<String> args() {
        return args;
    }

    private Config.Builder builder() {
        Config.Builder builder =
                Config.builder().environment(environment).directory(directory).classLoader(mainClass.getClassLoader());
        if (settingsType != null) {
            builder.settings(settingsType);
        }
        builder.settings("server", ServerSettings.class);
        aliases.forEach((key, names) -> builder.alias(key, names.toArray(String[]::new)));
        return builder;
    }

    /** Every setting, for the commands' options. */
    public List<Setting> settings() {
        return builder().describe();
    }

    /** The settings bound from these flags ({@code --key=value}, {@code --profile=p}) and the other sources. */
    public Config config(List<String> flags) {
        return builder().args(flags.toArray(String[]::new)).build();
    }

    /** The app built from its settings (not started). */
    public App app(Config config) {
        Object settings = settingsType == null ? null : config.get(settingsType);
        return factory.apply(settings);
    }

    /** The server's configuration from {@code server.*}. */
    public ServerConfig serverConfig(Config config) {
        ServerSettings server = config.get(ServerSettings.class);
        ServerConfig.Builder builder = ServerConfig.builder()
                .host(server.host())
                .port(server.port())
                .maxBodySize(server.maxBodySize())
                .maxHeaderSize(server.maxHeaderSize())
                .idleTimeout(server.idleTimeout())
                .readTimeout(server.readTimeout())
                .shutdownTimeout(server.shutdownTimeout())
                .shutdownGracePeriod(server.shutdownGracePeriod())
                .http2(server.http2());
        if (server.ioThreads() > 0) {
            builder.ioThreads(server.ioThreads());
        }
        if (server.tlsCertificate() != null) {
            builder.tls(server.tlsCertificate(), server.tlsPrivateKey());
        }
        return builder.build();
    }

    /** Where the main class was loaded from (its jar or class directory), or null when unknown. */
    public Path codeLocation() {
        try {
            return Path.of(mainClass
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (java.net.URISyntaxException | RuntimeException e) { // no code source: a JDK class, an odd loader
            return null;
        }
    }

    /** The class whose {@code main} started the command line. */
    public Class<?> mainClass() {
        return mainClass;
    }

    /**
     * The command's name in usage lines: the given one, else {@code java -jar <jar>} when the app
     * runs from a jar, else {@code app}.
     */
    public String name() {
        if (name != null) {
            return name;
        }
        Path location = codeLocation();
        if (location != null
                && Files.isRegularFile(location)
                && location.toString().endsWith(".jar")) {
            return "java -jar " + location.getFileName();
        }
        return "app";
    }
}

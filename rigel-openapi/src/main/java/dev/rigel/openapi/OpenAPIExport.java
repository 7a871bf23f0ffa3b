package dev.rigel.openapi;

import dev.rigel.App;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an app's OpenAPI document to a file without starting a server (the Java entry point of
 * {@code rigel schema openapi}):
 *
 * <pre>
 * java -cp app.jar dev.rigel.openapi.OpenAPIExport --app com.example.MyApp#create --output openapi.yaml
 * </pre>
 *
 * <p>{@code --app} names a public static method without parameters returning the built {@link App};
 * the document is described by the app's {@link OpenAPIPlugin}. The format follows the file's
 * extension ({@code .yaml}/{@code .yml}, otherwise JSON). The app is built but not started: no
 * startup hooks run, nothing listens.
 */
public final class OpenAPIExport {

    private OpenAPIExport() {}

    public static void main(String[] args) throws Exception {
        String app = null;
        String output = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--app" -> app = i + 1 < args.length ? args[++i] : null;
                case "--output" -> output = i + 1 < args.length ? args[++i] : null;
                default -> throw usage("unknown argument " + args[i]);
            }
        }
        if (app == null || output == null) {
            throw usage("--app and --output are required");
        }
        write(load(app), Path.of(output));
    }

    /** Writes the document of {@code app} (JSON, or YAML for a {@code .yaml}/{@code .yml} file). */
    public static void write(App app, Path output) throws IOException {
        OpenAPIPlugin plugin = app.plugins()
                .find(OpenAPIPlugin.class)
                .orElseThrow(() -> new IllegalArgumentException(
                        "the app has no OpenAPIPlugin (it was built with autoPlugins(false)); add"
                                + " .plugins(OpenAPIPlugin.of(OpenAPIConfig.builder(...).build()))"));
        if (!plugin.config().enabled()) {
            throw new IllegalArgumentException("the app's OpenAPI document is turned off (OpenAPIPlugin.disabled()"
                    + " or enabled(false)); there is nothing to write");
        }
        OpenAPIDocument document = OpenAPIDocument.of(app, plugin.config());
        String name = output.getFileName().toString();
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(output, yaml ? document.yamlBytes() : document.jsonBytes());
    }

    private static App load(String factory) throws ReflectiveOperationException {
        int hash = factory.indexOf('#');
        if (hash < 1 || hash == factory.length() - 1) {
            throw usage("--app must be class#method, not " + factory);
        }
        Class<?> type = Class.forName(factory.substring(0, hash));
        Method method = type.getMethod(factory.substring(hash + 1));
        if (!Modifier.isStatic(method.getModifiers()) || !App.class.isAssignableFrom(method.getReturnType())) {
            throw usage(factory + " must be a public static method without parameters returning an App");
        }
        return (App) method.invoke(null);
    }

    private static IllegalArgumentException usage(String problem) {
        return new IllegalArgumentException(
                problem + "\nusage: OpenAPIExport --app com.example.MyApp#create --output openapi.json|openapi.yaml");
    }
}

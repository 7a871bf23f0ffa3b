package dev.rigel.openapi;

import dev.rigel.App;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An app's OpenAPI document as bytes or a file, without starting a server: what
 * {@code java -jar app.jar schema openapi --output openapi.yaml} (rigel-cli) writes. The document
 * is described by the app's {@link OpenAPIPlugin}; the app is built but not started, so no startup
 * hooks run and nothing listens.
 */
public final class OpenAPIExport {

    private OpenAPIExport() {}

    /** Writes the document of {@code app} (JSON, or YAML for a {@code .yaml}/{@code .yml} file). */
    public static void write(App app, Path output) throws IOException {
        String name = output.getFileName().toString();
        byte[] bytes = bytes(app, name.endsWith(".yaml") || name.endsWith(".yml"));
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(output, bytes);
    }

    /** The TypeScript types of {@code app}'s document (see {@link TypeScriptTypes}). */
    public static String typeScript(App app) {
        return TypeScriptTypes.of(document(app).tree());
    }

    /** Writes {@link #typeScript(App)} to {@code output} ({@code api.d.ts}, say). */
    public static void writeTypeScript(App app, Path output) throws IOException {
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(output, typeScript(app));
    }

    /** The document of {@code app} as JSON or YAML. */
    public static byte[] bytes(App app, boolean yaml) {
        OpenAPIDocument document = document(app);
        return yaml ? document.yamlBytes() : document.jsonBytes();
    }

    private static OpenAPIDocument document(App app) {
        OpenAPIPlugin plugin = app.plugins()
                .find(OpenAPIPlugin.class)
                .orElseThrow(() -> new IllegalArgumentException(
                        "the app has no OpenAPIPlugin (it was built with autoPlugins(false)); add"
                                + " .plugins(OpenAPIPlugin.of(OpenAPIConfig.builder(...).build()))"));
        if (!plugin.config().enabled()) {
            throw new IllegalArgumentException("the app's OpenAPI document is turned off (OpenAPIPlugin.disabled()"
                    + " or enabled(false)); there is nothing to write");
        }
        return OpenAPIDocument.of(app, plugin.config());
    }
}

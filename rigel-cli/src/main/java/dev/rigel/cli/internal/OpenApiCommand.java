package dev.rigel.cli.internal;

import dev.rigel.App;
import dev.rigel.openapi.OpenAPIExport;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code schema openapi}: the app's OpenAPI document, as its {@code OpenAPIPlugin} describes it,
 * to a file (JSON, or YAML for {@code .yaml}/{@code .yml}) or to standard output. The app is
 * built, not started.
 */
@Command(
        name = "openapi",
        mixinStandardHelpOptions = true,
        description = "Write the app's OpenAPI document (JSON, or YAML for a .yaml/.yml file).",
        sortOptions = false)
final class OpenApiCommand extends AppCommand {

    @Option(
            names = {"-o", "--output"},
            paramLabel = "<file>",
            description = "where to write it (default: standard output)")
    Path output;

    @Option(names = "--yaml", description = "YAML on standard output instead of JSON")
    boolean yaml;

    OpenApiCommand(AppLauncher launcher) {
        super(launcher);
    }

    @Override
    public Integer call() throws Exception {
        requireOpenApiModule("schema openapi");
        App app = app(config());
        if (output != null) {
            OpenAPIExport.write(app, output);
            spec.commandLine()
                    .getOut()
                    .println("Wrote " + output.toAbsolutePath().normalize());
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.print(new String(OpenAPIExport.bytes(app, yaml), StandardCharsets.UTF_8));
            out.flush();
        }
        return 0;
    }

    /** Fails with a one-line hint when rigel-openapi, which {@code command} needs, is missing. */
    static void requireOpenApiModule(String command) {
        try {
            Class.forName("dev.rigel.openapi.OpenAPIExport", false, OpenApiCommand.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException(
                    command + " needs rigel-openapi on the class path (add dev.rigel:rigel-openapi)");
        }
    }
}

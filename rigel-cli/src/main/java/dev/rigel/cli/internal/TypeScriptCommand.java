package dev.rigel.cli.internal;

import dev.rigel.App;
import dev.rigel.openapi.OpenAPIExport;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code schema typescript}: TypeScript types for every schema and operation of the app's OpenAPI
 * document, to a file or to standard output. The app is built, not started.
 */
@Command(
        name = "typescript",
        mixinStandardHelpOptions = true,
        description = "Write TypeScript types for the app's schemas and operations (e.g. --output api.d.ts).",
        sortOptions = false)
final class TypeScriptCommand extends AppCommand {

    @Option(
            names = {"-o", "--output"},
            paramLabel = "<file>",
            description = "where to write them (default: standard output)")
    Path output;

    TypeScriptCommand(AppLauncher launcher) {
        super(launcher);
    }

    @Override
    public Integer call() throws Exception {
        OpenApiCommand.requireOpenApiModule("schema typescript");
        App app = app(config());
        PrintWriter out = spec.commandLine().getOut();
        if (output != null) {
            OpenAPIExport.writeTypeScript(app, output);
            out.println("Wrote " + output.toAbsolutePath().normalize());
        } else {
            out.print(OpenAPIExport.typeScript(app));
            out.flush();
        }
        return 0;
    }
}

package dev.rigel.cli.internal;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code schema}: the app's API description; {@code schema openapi} writes the OpenAPI document, {@code schema typescript} its TypeScript types. */
@Command(name = "schema", mixinStandardHelpOptions = true, description = "Write the app's API schema.")
final class SchemaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing the schema kind: schema openapi or schema typescript");
    }
}

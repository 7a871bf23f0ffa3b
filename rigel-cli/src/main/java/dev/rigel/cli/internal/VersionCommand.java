package dev.rigel.cli.internal;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code version}: Rigel's, Java's and the OS's versions on one line (also {@code --version}). */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print Rigel's and Java's versions.")
final class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(Versions.line());
        return 0;
    }

    /** For {@code --version} on every command. */
    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Versions.line()};
        }
    }
}

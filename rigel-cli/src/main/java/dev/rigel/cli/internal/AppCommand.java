package dev.rigel.cli.internal;

import dev.rigel.App;
import dev.rigel.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * A command that builds the app: its settings come from the options typed on it and on the
 * commands above it (the settings options are on each), then from the environment and files.
 */
abstract class AppCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    final AppLauncher launcher;

    AppCommand(AppLauncher launcher) {
        this.launcher = launcher;
    }

    /** The settings, bound from every settings option typed on this command or above it. */
    Config config() {
        return launcher.config(flags());
    }

    /** Every settings option typed on this command or above it, as {@code --key=value}. */
    List<String> flags() {
        List<String> flags = new ArrayList<>();
        List<CommandSpec> chain = new ArrayList<>();
        for (CommandSpec s = spec; s != null; s = s.parent()) {
            chain.add(0, s);
        }
        for (CommandSpec s : chain) {
            ParseResult parsed = s.commandLine().getParseResult();
            if (parsed == null) {
                continue;
            }
            for (OptionSpec option : parsed.matchedOptions()) {
                if (SettingsOptions.isSetting(option)) {
                    flags.add(option.longestName() + "=" + option.getValue());
                }
            }
        }
        return flags;
    }

    /** The app, built from {@link #config()}. */
    App app(Config config) {
        return launcher.app(config);
    }
}

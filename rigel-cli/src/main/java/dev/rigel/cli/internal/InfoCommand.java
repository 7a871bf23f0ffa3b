package dev.rigel.cli.internal;

import dev.rigel.App;
import dev.rigel.config.Config;
import dev.rigel.plugin.Plugin;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/**
 * {@code info}: versions, the active profiles, every setting that has a value with where it came
 * from (secrets masked), the plugins, and the number of routes.
 */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = "Show versions, settings (secrets masked) with their sources, and plugins.",
        sortOptions = false)
final class InfoCommand extends AppCommand {

    InfoCommand(AppLauncher launcher) {
        super(launcher);
    }

    @Override
    public Integer call() throws Exception {
        Config config = config();
        App app = app(config);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Rigel:     " + Versions.rigel());
        out.println("Java:      " + Versions.java());
        out.println("OS:        " + Versions.os());
        out.println("App:       " + launcher.mainClass().getName());
        out.println("Profiles:  " + (config.profiles().isEmpty() ? "(none)" : String.join(", ", config.profiles())));
        out.println("Settings:");
        int width =
                config.entries().stream().mapToInt(e -> e.key().length()).max().orElse(0);
        for (Config.Entry entry : config.entries()) {
            out.println("  " + String.format("%-" + width + "s", entry.key()) + " = " + entry.value() + "  ("
                    + entry.origin() + ")");
        }
        out.println("Plugins:");
        for (Plugin plugin : app.plugins().all()) {
            out.println("  " + plugin.getClass().getName());
        }
        out.println("Routes:    " + app.routes().size());
        out.flush();
        return 0;
    }
}

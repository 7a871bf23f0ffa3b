package dev.rigel.cli.internal;

import dev.rigel.App;
import dev.rigel.config.Config;
import dev.rigel.netty.RigelServer;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: serves the app on Rigel's server until it is stopped (the top command does the same). */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Serve the app (the default command).",
        sortOptions = false)
final class RunCommand extends AppCommand {

    @Option(
            names = "--reload",
            description = "In development: restart the app in a fresh class loader when its compiled classes"
                    + " change, keeping the port.")
    boolean reload;

    RunCommand(AppLauncher launcher) {
        super(launcher);
    }

    @Override
    public Integer call() throws Exception {
        List<String> flags = flags();
        Config config = launcher.config(flags);
        if (reload) {
            return new Reloader(launcher, config, flags, spec.commandLine().getOut()).run();
        }
        return serve(launcher, config);
    }

    /** Builds the app, serves it until it is stopped and returns 0 (also {@link DirectRun}'s way). */
    static int serve(AppLauncher launcher, Config config) throws InterruptedException {
        App app = launcher.app(config);
        RigelServer server = new RigelServer(app, launcher.serverConfig(config)).start();
        server.awaitShutdown();
        return 0;
    }
}

package dev.rigel.cli.internal;

import dev.rigel.App;
import dev.rigel.config.Config;
import dev.rigel.netty.RigelServer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code train}: the training run of the JDK's AOT cache (JEP 483/514/515, JDK 25+). It starts the
 * app as {@code run} does, sends it representative GET requests over loopback, stops it gracefully
 * and exits 0, so that a JVM started with {@code -XX:AOTCacheOutput=app.aot} writes a cache of the
 * classes it loaded and linked and of the methods it profiled. Later starts with
 * {@code -XX:AOTCache=app.aot} skip that work. The requests only need to reach the code a real
 * request reaches (routing, middleware, JSON, the database); their status does not matter, but a
 * request that gets no answer at all fails the command, since the cache would then not cover serving.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Serve a few requests to itself and exit: the training run of the JDK's AOT cache.",
            "java -XX:AOTCacheOutput=app.aot -jar app.jar train ... writes app.aot;"
                    + " java -XX:AOTCache=app.aot -jar app.jar then starts faster."
        },
        sortOptions = false)
final class TrainCommand extends AppCommand {

    @Option(
            names = "--path",
            paramLabel = "<path>",
            description = "a path to GET, with its query if any (repeatable; default: every GET route the"
                    + " OpenAPI document would list, its path parameters set to 1)")
    List<String> paths = new ArrayList<>();

    @Option(
            names = {"-H", "--header"},
            paramLabel = "<name: value>",
            description = "a header every request sends, e.g. the credentials the API needs (repeatable)")
    List<String> headers = new ArrayList<>();

    @Option(
            names = "--rounds",
            paramLabel = "<n>",
            defaultValue = "200",
            description = "how many times every path is requested (default: ${DEFAULT-VALUE})")
    int rounds;

    TrainCommand(AppLauncher launcher) {
        super(launcher);
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String recording = AotCacheFlags.recording();
        if (recording == null) {
            err.println(launcher.name() + " train: this JVM records no AOT cache; start it with"
                    + " -XX:AOTCacheOutput=app.aot (JDK 25+) to write one");
            err.flush();
        }
        Config config = config();
        App app = app(config);
        RigelServer server = new RigelServer(app, launcher.serverConfig(config)).start();
        try {
            List<String> targets = paths.isEmpty() ? TrainingRequests.defaultPaths(app) : paths;
            TrainingRequests.Result result = new TrainingRequests(server.url(), headers).send(targets, rounds);
            out.println("trained on " + result.requests() + " requests to " + targets.size() + " paths in "
                    + result.millis() + " ms"
                    + (recording == null ? "" : "; the JVM writes the AOT cache to " + recording + " as it exits"));
            out.flush();
        } finally {
            server.stop();
        }
        return 0;
    }
}

package dev.rigel.cli;

import dev.rigel.App;
import dev.rigel.cli.internal.CommandLines;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one line an app's {@code main} needs:
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     Rigel.cli(AppSettings.class, MyApp::create, args);   // or Rigel.cli(MyApp::create, args)
 * }
 * }</pre>
 *
 * <p>Then {@code java -jar app.jar} serves the app ({@code run}, the default command), and
 * {@code train} (the AOT cache's training run), {@code routes}, {@code schema openapi}, {@code info},
 * {@code version}, {@code sessions} and
 * {@code generate-completion} are there too; {@code --help} lists them and every setting. The
 * process exits with the command's status: 0 on success, 2 for bad input (an unknown option, a
 * bad setting, a malformed {@code application.yaml}), 1 when the app fails.
 */
public final class Rigel {

    private Rigel() {}

    /** Runs the command line for an app without settings of its own (the server's are still there). */
    public static void cli(Supplier<App> app, String... args) {
        exit(RigelCli.of(app).execute(args));
    }

    /** Runs the command line for an app built from its settings record. */
    public static <S extends Record> void cli(Class<S> settings, Function<S, App> app, String... args) {
        exit(RigelCli.of(settings, app).execute(args));
    }

    private static void exit(int status) {
        if (!CommandLines.rebuildingForReload()) { // a reload's rebuild returns to the reloader instead
            System.exit(status);
        }
    }
}

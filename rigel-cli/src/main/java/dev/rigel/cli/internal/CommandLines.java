package dev.rigel.cli.internal;

import dev.rigel.config.ConfigException;
import dev.rigel.config.Setting;
import dev.rigel.netty.RigelServer;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import picocli.AutoComplete;
import picocli.CommandLine;

/**
 * Assembles the command tree: the top command runs the app (as {@code run} does), and the
 * subcommands that build the app carry every setting as an option. Bad input of any kind — an
 * unknown command or option, a bad setting, a malformed file — ends with one line on standard
 * error and status 2; a failing app with one line and status 1.
 */
public final class CommandLines {

    static final int BAD_INPUT = 2;
    static final int FAILED = 1;

    private CommandLines() {}

    public static CommandLine create(AppLauncher launcher, PrintWriter out, PrintWriter err) {
        List<Setting> settings = launcher.settings();
        CommandLine root = new CommandLine(new RunCommand(launcher));
        root.setCommandName(launcher.name());
        SettingsOptions.addTo(root.getCommandSpec(), settings);
        root.addSubcommand(withSettings(new RunCommand(launcher), settings));
        root.addSubcommand(withSettings(new TrainCommand(launcher), settings));
        root.addSubcommand(withSettings(new RoutesCommand(launcher), settings));
        CommandLine schema = new CommandLine(new SchemaCommand());
        schema.addSubcommand(withSettings(new OpenApiCommand(launcher), settings));
        schema.addSubcommand(withSettings(new TypeScriptCommand(launcher), settings));
        root.addSubcommand(schema);
        root.addSubcommand(withSettings(new InfoCommand(launcher), settings));
        root.addSubcommand(new CommandLine(new VersionCommand()));
        CommandLine sessions = new CommandLine(new SessionsCommand());
        sessions.addSubcommand(withSettings(new SessionsCommand.Clear(launcher), settings));
        sessions.addSubcommand(withSettings(new SessionsCommand.Delete(launcher), settings));
        root.addSubcommand(sessions);
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().usageMessage().hidden(false);
        root.addSubcommand("generate-completion", completion);
        abbreviateSynopses(root);
        if (out != null) {
            root.setOut(out);
        }
        if (err != null) {
            root.setErr(err);
        }
        String name = launcher.name();
        root.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(name + ": " + e.getMessage() + " (see --help)");
            e.getCommandLine().getErr().flush();
            return BAD_INPUT;
        });
        root.setExecutionExceptionHandler((e, commandLine, parsed) -> failed(e, commandLine.getErr(), name));
        return root;
    }

    /**
     * Runs the command the arguments name: the top command's plain start ({@link DirectRun}) without
     * building the command tree, anything else through picocli.
     */
    public static int execute(AppLauncher launcher, PrintWriter out, PrintWriter err, String... args) {
        List<String> direct = DirectRun.flags(launcher.settings(), args);
        if (direct != null) {
            PrintWriter errors = err != null ? err : new PrintWriter(System.err, true);
            return DirectRun.run(launcher, direct, errors);
        }
        return create(launcher, out, err).execute(args);
    }

    /** The commands that start a server; every other command ({@link DirectRun#COMMANDS}) serves nothing. */
    private static final Set<String> SERVING_COMMANDS = Set.of("run", "train");

    /** Options that print and exit, whatever the command. */
    private static final Set<String> PRINT_OPTIONS = Set.of("--help", "-h", "--version", "-V");

    /**
     * Begins the server's one-time setup in the background ({@link RigelServer#preinitialize()})
     * unless the arguments name a command that serves nothing: the first thing a start does, so the
     * setup overlaps with logging's, the settings' and the app's. A wrong guess costs only idle
     * background work.
     */
    public static void preinitializeIfServing(String... args) {
        if (mayServe(args)) {
            RigelServer.preinitialize();
        }
    }

    /** Whether the arguments may start a server: they name no command or option that serves nothing. */
    static boolean mayServe(String... args) {
        for (String arg : args) {
            if (PRINT_OPTIONS.contains(arg) || DirectRun.COMMANDS.contains(arg) && !SERVING_COMMANDS.contains(arg)) {
                return false;
            }
        }
        return true;
    }

    /** A failed command as one line: status 2 for bad settings, 1 for a failing app. */
    static int failed(Exception e, PrintWriter errors, String name) {
        if (e instanceof ConfigException) {
            errors.println(name + ": " + e.getMessage());
            errors.flush();
            return BAD_INPUT;
        }
        errors.println(name + ": " + describe(e));
        errors.flush();
        org.slf4j.LoggerFactory.getLogger(CommandLines.class).debug("command failed", e);
        return FAILED;
    }

    /** Whether this thread runs an app's main again for {@code run --reload}. */
    public static boolean rebuildingForReload() {
        return Reloader.rebuilding();
    }

    /** For a reload: builds the app with the same settings and hands it to the reloader; returns 0. */
    public static int rebuild(AppLauncher launcher) {
        Reloader.rebuild(launcher);
        return 0;
    }

    /** "Usage: app [OPTIONS] [COMMAND]": the options, settings included, are listed below it anyway. */
    private static void abbreviateSynopses(CommandLine line) {
        line.getCommandSpec().usageMessage().abbreviateSynopsis(true);
        line.getSubcommands().values().forEach(CommandLines::abbreviateSynopses);
    }

    private static CommandLine withSettings(Object command, List<Setting> settings) {
        CommandLine line = new CommandLine(command);
        SettingsOptions.addTo(line.getCommandSpec(), settings);
        return line;
    }

    /** An exception as one line: its message and its root cause's. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += ": " + root.getMessage();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

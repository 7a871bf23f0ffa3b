package dev.rigel.cli.internal;

import dev.rigel.config.Setting;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The common start, {@code java -jar app.jar [--setting value]…}, served without building the
 * picocli command tree, which costs a tenth of a small app's start. Only arguments that picocli
 * would read as settings options of the top command, and that it would hand over unchanged, take
 * this way: {@code --key=value}, {@code --key value} (the value not starting with {@code -} or
 * {@code @}, and not a command's name), a bare boolean last or before another flag, each setting
 * at most once. Anything else (help, a command, {@code --reload}, an unknown option, a repeated
 * one, an {@code @file}) goes to picocli, whose parsing and messages stay the reference. The flags
 * are passed on as {@code run} passes them ({@code --<longest name>=<value>}), so settings bind and
 * fail the same way whichever path was taken.
 */
final class DirectRun {

    /** Names picocli would read as a command rather than a value. */
    static final Set<String> COMMANDS =
            Set.of("run", "train", "routes", "schema", "info", "version", "sessions", "generate-completion", "help");

    private static final String PROFILE = "--profile";

    private DirectRun() {}

    /**
     * The settings flags as {@code run} would pass them to the binder, or null when the arguments
     * need picocli (anything but settings options of the top command).
     */
    static List<String> flags(List<Setting> settings, String[] args) {
        Map<String, Setting> byFlag = new HashMap<>();
        for (Setting setting : settings) {
            for (String flag : setting.flags()) {
                byFlag.put(flag, setting);
            }
        }
        List<String> flags = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            Setting setting = byFlag.get(name);
            if (setting == null && !name.equals(PROFILE)) {
                return null; // help, a command, --reload, a misspelt option, "--", an @file: picocli's
            }
            String longest = setting == null ? PROFILE : longest(setting.flags());
            if (!seen.add(longest)) {
                return null; // picocli refuses an option given twice
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (setting != null && bool(setting)) {
                if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    return null; // picocli may take the next word as the value
                }
                value = "true";
            } else {
                if (i + 1 >= args.length) {
                    return null; // a missing value: picocli's message
                }
                value = args[++i];
                if (value.startsWith("-") || value.startsWith("@") || COMMANDS.contains(value)) {
                    return null;
                }
            }
            flags.add(longest + "=" + value);
        }
        return flags;
    }

    /** Serves the app as {@code run} does, failures reported as the command line reports them. */
    static int run(AppLauncher launcher, List<String> flags, PrintWriter err) {
        try {
            return RunCommand.serve(launcher, launcher.config(flags));
        } catch (Exception e) {
            return CommandLines.failed(e, err, launcher.name());
        }
    }

    /** The name picocli reports an option by: its longest ({@code OptionSpec.longestName}). */
    private static String longest(List<String> names) {
        String longest = names.get(0);
        for (String name : names) {
            if (name.length() > longest.length()) {
                longest = name;
            }
        }
        return longest;
    }

    private static boolean bool(Setting setting) {
        return setting.type().equals("boolean") || setting.type().equals("Boolean");
    }
}

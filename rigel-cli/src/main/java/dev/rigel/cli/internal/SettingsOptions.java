package dev.rigel.cli.internal;

import dev.rigel.config.Config;
import dev.rigel.config.Setting;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The app's settings as options of a command, so {@code --help} lists them and picocli refuses a
 * misspelt one. They are read as text; the settings binder converts and checks them, so a bad value
 * gets the same message from a flag as from a file.
 */
final class SettingsOptions {

    /** Marks an option as a setting (picocli keeps an option's user object). */
    private static final Object SETTING = new Object();

    private SettingsOptions() {}

    static void addTo(CommandSpec spec, List<Setting> settings) {
        for (Setting setting : settings) {
            boolean bool = setting.type().equals("boolean") || setting.type().equals("Boolean");
            List<String> names = new ArrayList<>(setting.flags());
            names.sort((a, b) -> a.length() - b.length()); // the short alias first, as help shows it
            OptionSpec.Builder option = OptionSpec.builder(names.toArray(String[]::new))
                    .type(String.class)
                    .paramLabel("<" + label(setting) + ">")
                    .description(describe(setting))
                    .userObject(SETTING)
                    .hideParamSyntax(false);
            if (bool) {
                option.arity("0..1").fallbackValue("true");
            } else {
                option.arity("1");
            }
            spec.addOption(option.build());
        }
        spec.addOption(OptionSpec.builder("--profile")
                .type(String.class)
                .paramLabel("<name>")
                .description("profiles whose application-{profile}.yaml apply, comma-separated (env "
                        + Config.PROFILE_VARIABLE + ")")
                .userObject(SETTING)
                .build());
    }

    static boolean isSetting(OptionSpec option) {
        return option.userObject() == SETTING;
    }

    private static String label(Setting setting) {
        String type = setting.type();
        int generic = type.indexOf('<');
        return (generic < 0 ? type : type.substring(0, generic)).toLowerCase(Locale.ROOT);
    }

    private static String describe(Setting setting) {
        StringBuilder text = new StringBuilder(setting.description().isEmpty() ? setting.key() : setting.description());
        text.append(" (env ").append(String.join(", ", setting.environmentVariables()));
        if (setting.defaultValue() != null && !setting.secret()) {
            text.append("; default ").append(setting.defaultValue().isEmpty() ? "empty" : setting.defaultValue());
        }
        text.append(')');
        // picocli formats descriptions with String.format: a literal % must be doubled
        return text.toString().replace("%", "%%");
    }
}

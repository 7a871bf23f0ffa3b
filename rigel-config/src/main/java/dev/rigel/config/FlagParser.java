package dev.rigel.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads settings flags from command-line arguments: {@code --key=value}, {@code --key value}, a
 * boolean's bare {@code --key}, and {@code --profile NAME}.
 */
final class FlagParser {

    private FlagParser() {}

    /** The flags by key, and the {@code --profile} value or null. */
    public record Parsed(Map<String, Layering.Flag> flags, String profile) {}

    public static Parsed parse(Schema schema, List<String> args) {
        Map<String, Layering.Flag> flags = new LinkedHashMap<>();
        String profile = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException(null, "Unexpected argument '" + arg + "': settings are given as --key=value");
            }
            int equals = arg.indexOf('=');
            String spelling = equals < 0 ? arg : arg.substring(0, equals);
            String name = spelling.substring(2);
            String value = equals < 0 ? null : arg.substring(equals + 1);
            String key = name.equals("profile") ? null : schema.keyForFlag(name);
            if (!name.equals("profile") && key == null) {
                String closest = schema.closest(Keys.canonical(name));
                throw new ConfigException(
                        null,
                        "Unknown option " + spelling + (closest == null ? "" : " (did you mean --" + closest + "?)"));
            }
            if (value == null) {
                boolean bool = key != null && isBoolean(schema.leaf(key));
                if (bool && (i + 1 >= args.size() || args.get(i + 1).startsWith("--"))) {
                    value = "true";
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new ConfigException(key, "Missing value for " + spelling);
                }
            }
            if (key == null) {
                profile = value;
            } else {
                flags.put(key, new Layering.Flag(value, spelling));
            }
        }
        return new Parsed(flags, profile);
    }

    private static boolean isBoolean(Leaf leaf) {
        return leaf.rawType() == boolean.class || leaf.rawType() == Boolean.class;
    }
}

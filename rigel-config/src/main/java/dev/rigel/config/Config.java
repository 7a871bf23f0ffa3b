package dev.rigel.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An app's settings, bound into its own records. Highest precedence first:
 * <ol>
 *   <li>flags: {@code --server.port=9000} or {@code --server.port 9000}, and any alias ({@code --port});
 *   <li>environment variables: {@code SERVER_PORT}, and any alias ({@code PORT});
 *   <li>{@code application-{profile}.yaml} for each profile chosen with {@code --profile} or
 *       {@code RIGEL_PROFILE} (comma-separated; later ones win);
 *   <li>{@code application.yaml};
 *   <li>{@link Default @Default} values.
 * </ol>
 * A file may also be {@code .yml} or {@code .properties}; the working directory's files win over the
 * class path's. Keys are dotted and dash-separated ({@code server.max-body-size}); a file may spell a
 * segment in camel case or with underscores.
 *
 * <pre>{@code
 * record AppSettings(@Valid ServerSettings server,
 *                    @Description("greeting shown on /") @Default("hello") @NotBlank String greeting,
 *                    @NotNull SecretString apiToken) {}
 *
 * Config config = Config.builder()
 *         .settings(AppSettings.class)
 *         .alias("server.port", "port")   // --port and PORT too
 *         .args(args)
 *         .build();
 * AppSettings settings = config.get(AppSettings.class);
 * }</pre>
 *
 * <p>Everything is read and checked in {@link Builder#build()}: a malformed file, an unknown profile,
 * an unknown key in a file or flag, a value of the wrong type, a missing required setting or a
 * violated constraint throws a {@link ConfigException} with a one-line message naming the key and
 * where its value came from. Secrets are never printed.
 */
public final class Config {

    /** The environment variable that chooses profiles when no {@code --profile} flag does. */
    public static final String PROFILE_VARIABLE = "RIGEL_PROFILE";

    private final Schema schema;
    private final Map<String, Value> values;
    private final Map<Class<?>, Object> bound;
    private final List<String> profiles;

    private Config(Schema schema, Map<String, Value> values, Map<Class<?>, Object> bound, List<String> profiles) {
        this.schema = schema;
        this.values = values;
        this.bound = bound;
        this.profiles = profiles;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The bound record of a type given to {@link Builder#settings}. */
    public <T extends Record> T get(Class<T> type) {
        Object value = bound.get(type);
        if (value == null) {
            throw new IllegalArgumentException(type.getName() + " was not given to Config.builder().settings(…)");
        }
        return type.cast(value);
    }

    /** The active profiles, in the order they were given. */
    public List<String> profiles() {
        return profiles;
    }

    /** Every setting that can be given, for help texts. */
    public List<Setting> settings() {
        return schema.settings();
    }

    /**
     * Every setting with a value and where it came from, secrets masked, for the {@code info}
     * command and startup logs.
     */
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (Setting setting : schema.settings()) {
            Value value = values.get(setting.key());
            if (value == null) {
                continue;
            }
            String shown;
            if (setting.secret()) {
                shown = "*****";
            } else {
                shown = Keys.printable(
                        value.node().isTextual()
                                ? value.node().asText()
                                : value.node().toString());
            }
            entries.add(new Entry(setting.key(), shown, value.origin()));
        }
        return entries;
    }

    /**
     * A setting's value as it may be printed, and where it came from.
     *
     * @param value the value as given, or {@code *****} for a secret
     * @param origin e.g. {@code default}, {@code environment variable PORT}, {@code flag --port},
     *     {@code /srv/app/application.yaml}
     */
    public record Entry(String key, String value, String origin) {}

    /** Collects the settings records, aliases and sources; {@link #build()} reads and binds them. */
    public static final class Builder {

        private final Map<Class<? extends Record>, String> roots = new LinkedHashMap<>();
        private final Map<String, List<String>> aliases = new LinkedHashMap<>();
        private final Map<String, String> flagValues = new LinkedHashMap<>();
        private final List<String> args = new ArrayList<>();
        private Map<String, String> environment = System.getenv();
        private Path directory = Path.of("");
        private ClassLoader classLoader;
        private List<String> profiles;

        private Builder() {}

        /** Binds {@code type} from the top level: its component {@code port} is the key {@code port}. */
        public Builder settings(Class<? extends Record> type) {
            return settings("", type);
        }

        /** Binds {@code type} under a prefix: with {@code "server"}, its component {@code port} is {@code server.port}. */
        public Builder settings(String prefix, Class<? extends Record> type) {
            Objects.requireNonNull(type, "type");
            roots.put(type, Keys.canonical(Objects.requireNonNull(prefix, "prefix")));
            return this;
        }

        /**
         * Another name for a key, usable as a flag and an environment variable: {@code alias("server.port",
         * "port")} makes {@code --port} and {@code PORT} set {@code server.port}.
         */
        public Builder alias(String key, String... names) {
            aliases.computeIfAbsent(Keys.canonical(key), k -> new ArrayList<>()).addAll(Arrays.asList(names));
            return this;
        }

        /**
         * Command-line arguments: {@code --key=value}, {@code --key value}, a boolean's bare
         * {@code --key}, and {@code --profile NAME}. Anything else is an error.
         */
        public Builder args(String... args) {
            this.args.addAll(Arrays.asList(args));
            return this;
        }

        /** One flag's value by key, for command lines parsed elsewhere (the {@code rigel} CLI). */
        public Builder flag(String key, String value) {
            flagValues.put(Keys.canonical(key), value);
            return this;
        }

        /** The environment to read (default: {@link System#getenv()}). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** Where {@code application.yaml} and its profiles are looked for (default: the working directory). */
        public Builder directory(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Where class-path files are looked for (default: the first settings record's class loader). */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        /** The profiles, overriding {@code --profile} and {@code RIGEL_PROFILE}. */
        public Builder profiles(String... profiles) {
            this.profiles = List.of(profiles);
            return this;
        }

        /** Every setting the records declare, before anything is read (for building a command line). */
        public List<Setting> describe() {
            return new Schema(roots, aliases).settings();
        }

        /**
         * Reads every source and binds every record.
         *
         * @throws ConfigException with a one-line message for any bad file, profile, key or value
         */
        public Config build() {
            Schema schema = new Schema(roots, aliases);
            FlagParser.Parsed parsed = FlagParser.parse(schema, args);
            Map<String, Layering.Flag> flags = new LinkedHashMap<>(parsed.flags());
            flagValues.forEach((key, value) -> {
                if (schema.leaf(key) == null) {
                    throw Layering.unknownKey(schema, key, "given as a flag");
                }
                flags.put(key, new Layering.Flag(value, Keys.flag(key)));
            });
            List<String> active = profiles != null ? profiles : activeProfiles(parsed.profile());
            ClassLoader loader = classLoader != null
                    ? classLoader
                    : roots.isEmpty()
                            ? Config.class.getClassLoader()
                            : roots.keySet().iterator().next().getClassLoader();
            Map<String, Value> values = Layering.resolve(schema, active, directory, loader, environment, flags);
            Map<Class<?>, Object> bound = Binder.bind(schema, values, List.copyOf(roots.keySet()));
            return new Config(schema, values, bound, active);
        }

        private List<String> activeProfiles(String fromFlag) {
            String spec = fromFlag != null ? fromFlag : environment.get(PROFILE_VARIABLE);
            if (spec == null || spec.isBlank()) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String part : spec.split(",")) {
                String name = part.trim();
                if (!name.matches("[A-Za-z0-9_-]+")) {
                    throw new ConfigException(
                            null,
                            "Bad profile name '" + name
                                    + "': use letters, digits, '-' and '_' (several are separated by commas)");
                }
                out.add(name);
            }
            return List.copyOf(out);
        }
    }
}

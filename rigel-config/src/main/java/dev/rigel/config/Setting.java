package dev.rigel.config;

import java.util.List;

/**
 * One setting an app can be given: its key in files ({@code server.port}), the environment
 * variables and flags that set it, its type, default and description. {@code --help} and the
 * {@code info} command list these.
 *
 * @param key the dotted, lower-case, dash-separated key, e.g. {@code server.max-body-size}
 * @param type the Java type's simple name, e.g. {@code int}, {@code Duration}, {@code List<String>}
 * @param defaultValue the {@link Default} value as written, or null
 * @param description the {@link Description}, or an empty string
 * @param environmentVariables the variables that set it, e.g. {@code SERVER_PORT} and an alias's {@code PORT}
 * @param flags the flags that set it, e.g. {@code --server.port} and an alias's {@code --port}
 * @param secret whether its value is never printed (a {@code SecretString}, or a name with
 *     password, secret, token or credential in it, or ending in key)
 */
public record Setting(
        String key,
        String type,
        String defaultValue,
        String description,
        List<String> environmentVariables,
        List<String> flags,
        boolean secret) {

    public Setting {
        environmentVariables = List.copyOf(environmentVariables);
        flags = List.copyOf(flags);
    }
}

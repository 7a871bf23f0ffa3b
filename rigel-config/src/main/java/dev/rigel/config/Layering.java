package dev.rigel.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays the sources over one another, lowest precedence first: defaults, {@code application.*},
 * each profile's {@code application-{profile}.*} (class path, then directory, within each), the
 * environment, the flags. The result maps each key that something set to its winning value.
 */
final class Layering {

    private final Schema schema;
    private final Map<String, Value> values = new LinkedHashMap<>();

    private Layering(Schema schema) {
        this.schema = schema;
    }

    /**
     * @param flags the flags given, by key, each with the flag's spelling as typed
     */
    public static Map<String, Value> resolve(
            Schema schema,
            List<String> profiles,
            Path directory,
            ClassLoader loader,
            Map<String, String> environment,
            Map<String, Flag> flags) {
        Layering layering = new Layering(schema);
        layering.defaults();
        for (FileSource.File file : FileSource.read("application", directory, loader)) {
            layering.file(file);
        }
        for (String profile : profiles) {
            List<FileSource.File> files = FileSource.read("application-" + profile, directory, loader);
            if (files.isEmpty()) {
                throw new ConfigException(
                        null,
                        "Unknown profile '" + profile + "': no application-" + profile
                                + ".yaml, .yml or .properties in "
                                + directory.toAbsolutePath().normalize()
                                + " or on the class path");
            }
            files.forEach(layering::file);
        }
        layering.environment(environment);
        flags.forEach((key, flag) -> layering.text(key, flag.value(), "flag " + flag.spelling()));
        return layering.values;
    }

    /** A flag's value and how it was spelled ({@code --port}), for messages. */
    public record Flag(String value, String spelling) {}

    private void defaults() {
        for (Leaf leaf : schema.leaves().values()) {
            if (leaf.defaultValue() != null) {
                text(leaf.key(), leaf.defaultValue(), "default");
            }
        }
    }

    private void environment(Map<String, String> environment) {
        for (Leaf leaf : schema.leaves().values()) {
            for (String variable : schema.environmentVariables(leaf.key())) {
                String value = environment.get(variable);
                if (value != null) {
                    text(leaf.key(), value, "environment variable " + variable);
                    break; // the key's own variable wins over an alias's
                }
            }
        }
    }

    /** A text value (default, variable, flag): a collection's is split at commas. */
    private void text(String key, String text, String origin) {
        Leaf leaf = schema.leaf(key);
        JsonNode node;
        if (leaf.isCollection()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    array.add(part.trim());
                }
            }
            node = array;
        } else if (leaf.isMap()) {
            throw new ConfigException(
                    key, "Setting " + key + " is a map and can only be set in a file, not by " + origin);
        } else {
            node = TextNode.valueOf(text);
        }
        values.put(key, new Value(node, origin));
    }

    private void file(FileSource.File file) {
        walk(file.tree(), "", file.origin());
    }

    private void walk(JsonNode node, String prefix, String origin) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = prefix + Keys.canonicalSegment(field.getKey());
            JsonNode child = field.getValue();
            if (schema.leaf(key) != null) {
                values.put(key, new Value(child, origin));
            } else if (schema.isGroup(key) && child.isObject()) {
                walk(child, key + ".", origin);
            } else if (schema.isGroup(key) && child.isNull()) {
                // "server:" with nothing under it sets nothing
            } else {
                throw unknown(key, "in " + origin);
            }
        }
    }

    /** The error for a key no settings record declares. */
    public static ConfigException unknownKey(Schema schema, String key, String where) {
        String closest = schema.closest(key);
        return new ConfigException(
                key,
                "Unknown setting '" + key + "' " + where + (closest == null ? "" : " (did you mean " + closest + "?)"));
    }

    private ConfigException unknown(String key, String where) {
        return unknownKey(schema, key, where);
    }
}

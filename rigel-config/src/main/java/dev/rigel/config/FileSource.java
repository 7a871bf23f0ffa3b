package dev.rigel.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The settings files of one name ({@code application} or {@code application-prod}) in a directory
 * and on the class path, each read into a tree: YAML with Jackson's YAML module, properties with the
 * JDK's {@link Properties}.
 */
final class FileSource {

    private static final List<String> EXTENSIONS = List.of(".properties", ".yaml", ".yml");

    private FileSource() {}

    /**
     * The YAML reader, made on first use: most apps start from the environment and flags alone,
     * and a YAML mapper costs every such start tens of milliseconds of class loading for nothing.
     */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());
    }

    /** A file read into a tree of settings, with the name it is reported under. */
    public record File(String origin, ObjectNode tree) {}

    /**
     * The files named {@code baseName} with any of the three extensions, class path first, then the
     * directory (so the directory's win), each extension in the order properties, yaml, yml.
     */
    public static List<File> read(String baseName, Path directory, ClassLoader loader) {
        List<File> files = new ArrayList<>();
        for (String extension : EXTENSIONS) {
            URL resource = loader.getResource(baseName + extension);
            if (resource != null) {
                String origin = baseName + extension + " on the class path";
                try (InputStream in = resource.openStream()) {
                    files.add(new File(origin, parse(in, extension, origin)));
                } catch (IOException e) {
                    throw new ConfigException(null, "Cannot read " + origin + ": " + e.getMessage(), e);
                }
            }
        }
        for (String extension : EXTENSIONS) {
            Path file = directory.resolve(baseName + extension);
            if (Files.isRegularFile(file)) {
                String origin = file.toAbsolutePath().normalize().toString();
                try (InputStream in = Files.newInputStream(file)) {
                    files.add(new File(origin, parse(in, extension, origin)));
                } catch (IOException e) {
                    throw new ConfigException(null, "Cannot read " + origin + ": " + e.getMessage(), e);
                }
            }
        }
        return files;
    }

    private static ObjectNode parse(InputStream in, String extension, String origin) throws IOException {
        if (extension.equals(".properties")) {
            Properties properties = new Properties();
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IllegalArgumentException e) { // Properties.load refuses a malformed unicode escape so
                throw new ConfigException(null, "Malformed " + origin + ": " + e.getMessage(), e);
            }
            ObjectNode tree = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<Object, Object> entry : properties.entrySet()) {
                put(tree, entry.getKey().toString(), entry.getValue().toString());
            }
            return tree;
        }
        JsonNode tree;
        try {
            tree = Yaml.MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new ConfigException(
                    null, "Malformed " + origin + where + ": " + firstLine(e.getOriginalMessage()), e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return JsonNodeFactory.instance.objectNode(); // an empty file sets nothing
        }
        if (!tree.isObject()) {
            throw new ConfigException(
                    null,
                    "Malformed " + origin + ": the top level must be a mapping of settings, not a "
                            + tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return (ObjectNode) tree;
    }

    /** {@code server.port=8000} becomes {@code {server: {port: "8000"}}}. */
    private static void put(ObjectNode tree, String dottedKey, String value) {
        String[] parts = dottedKey.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(parts[i]);
            }
            node = (ObjectNode) child;
        }
        node.put(parts[parts.length - 1], value);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "not valid YAML";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}

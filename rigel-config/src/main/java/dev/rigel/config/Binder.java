package dev.rigel.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns the winning values into the app's records: one JSON tree per record, bound by Jackson
 * through the canonical constructor, then checked with the records' Jakarta constraints: by
 * {@link QuickCheck} when it can clear the record, else by Hibernate Validator (bootstrapping it costs
 * more than the rest of binding). Every failure becomes a {@link ConfigException} naming the key and
 * the value's origin.
 */
final class Binder {

    private static final ObjectMapper MAPPER = ConfigJackson.mapper();

    private Binder() {}

    public static Map<Class<?>, Object> bind(
            Schema schema, Map<String, Value> values, List<Class<? extends Record>> roots) {
        return bind(schema, values, roots, SecretConstraints::validatorFactory);
    }

    /** As {@link #bind(Schema, Map, List)}, with the validator made by {@code validators} when needed. */
    static Map<Class<?>, Object> bind(
            Schema schema,
            Map<String, Value> values,
            List<Class<? extends Record>> roots,
            Supplier<ValidatorFactory> validators) {
        Map<Class<?>, Object> bound = new LinkedHashMap<>();
        ValidatorFactory factory = null; // made only for a record the quick check cannot clear
        try {
            for (Class<? extends Record> root : roots) {
                Object value = bindOne(schema, values, root);
                if (!QuickCheck.certainlyValid(value)) {
                    if (factory == null) {
                        factory = validators.get();
                    }
                    validate(schema, values, root, factory.getValidator().validate(value));
                }
                bound.put(root, value);
            }
        } finally {
            if (factory != null) {
                factory.close();
            }
        }
        return bound;
    }

    private static Object bindOne(Schema schema, Map<String, Value> values, Class<? extends Record> root) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        for (Leaf leaf : schema.bindings()) {
            if (leaf.root() != root) {
                continue;
            }
            ObjectNode parent = tree;
            List<String> path = leaf.javaPath();
            for (int i = 0; i < path.size() - 1; i++) {
                JsonNode child = parent.get(path.get(i));
                parent = child instanceof ObjectNode o ? o : parent.putObject(path.get(i));
            }
            Value value = values.get(leaf.key());
            if (value != null) {
                parent.set(path.get(path.size() - 1), value.node());
            } else if (leaf.rawType().isPrimitive()) {
                throw missing(schema, leaf);
            }
        }
        try {
            return MAPPER.treeToValue(tree, root);
        } catch (JsonMappingException e) {
            throw invalid(schema, values, root, e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException(null, "Cannot bind " + root.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) { // a compact constructor refused the values
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ConfigException(
                    null, "Invalid settings for " + root.getSimpleName() + ": " + cause.getMessage(), e);
        }
    }

    private static ConfigException invalid(
            Schema schema, Map<String, Value> values, Class<?> root, JsonMappingException e) {
        Leaf leaf = leafAt(
                schema,
                root,
                e.getPath().stream()
                        .map(JsonMappingException.Reference::getFieldName)
                        .filter(name -> name != null)
                        .toList());
        if (leaf == null) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String message = cause instanceof JsonMappingException m ? m.getOriginalMessage() : cause.getMessage();
            return new ConfigException(null, "Invalid settings for " + root.getSimpleName() + ": " + message, e);
        }
        Value value = values.get(leaf.key());
        String what = e instanceof MismatchedInputException // wrong type or unparsable text
                ? "expected " + article(Types.display(leaf.type()))
                : e.getOriginalMessage();
        return new ConfigException(
                leaf.key(),
                "Invalid setting " + leaf.key() + " = " + shown(leaf, value) + " (from " + origin(value) + "): " + what,
                e);
    }

    private static void validate(
            Schema schema, Map<String, Value> values, Class<?> root, Set<? extends ConstraintViolation<?>> violations) {
        if (violations.isEmpty()) {
            return;
        }
        List<ConstraintViolation<?>> sorted = new ArrayList<>(violations);
        sorted.sort(Comparator.comparing(v -> v.getPropertyPath().toString()));
        ConstraintViolation<?> first = sorted.get(0);
        List<String> names = new ArrayList<>();
        for (Path.Node node : first.getPropertyPath()) {
            if (node.getName() != null) {
                names.add(node.getName());
            }
        }
        Leaf leaf = leafAt(schema, root, names);
        if (leaf == null) {
            throw new ConfigException(
                    null,
                    "Invalid settings for " + root.getSimpleName() + ": " + first.getPropertyPath() + " "
                            + first.getMessage());
        }
        Value value = values.get(leaf.key());
        if (value == null && first.getInvalidValue() == null) {
            throw missing(schema, leaf);
        }
        throw new ConfigException(
                leaf.key(),
                "Invalid setting " + leaf.key() + " = " + shown(leaf, value) + " (from " + origin(value) + "): "
                        + first.getMessage());
    }

    private static ConfigException missing(Schema schema, Leaf leaf) {
        return new ConfigException(
                leaf.key(),
                "Missing setting " + leaf.key() + ": set " + leaf.key()
                        + " in application.yaml, the environment variable "
                        + schema.environmentVariables(leaf.key()).get(0) + " or the flag "
                        + schema.flags(leaf.key()).get(0));
    }

    /** The leaf a path of Java component names leads to (a violation on a nested record's field, say). */
    private static Leaf leafAt(Schema schema, Class<?> root, List<String> javaPath) {
        for (Leaf leaf : schema.bindings()) {
            if (leaf.root() == root && leaf.javaPath().equals(javaPath)) {
                return leaf;
            }
        }
        return null;
    }

    /** A value as the message may show it: quoted text, a secret masked. */
    static String shown(Leaf leaf, Value value) {
        if (value == null) {
            return "(not set)";
        }
        if (leaf.secret()) {
            return "*****";
        }
        JsonNode node = value.node();
        String text = node.isTextual() ? "'" + node.asText() + "'" : node.toString();
        return Keys.printable(text);
    }

    private static String origin(Value value) {
        return value == null ? "nowhere" : value.origin();
    }

    private static String article(String type) {
        return ("aeiouAEIOU".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
    }
}

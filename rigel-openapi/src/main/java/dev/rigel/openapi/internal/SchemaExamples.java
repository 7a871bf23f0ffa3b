package dev.rigel.openapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Example values made from JSON Schemas (Litestar's {@code create_examples}), for
 * {@code OpenAPIConfig.Builder.generateExamples}. Each value is meant to be valid against its
 * schema: it respects {@code type}, {@code format}, {@code enum}/{@code const}, numeric bounds and
 * {@code multipleOf}, string and array lengths, {@code uniqueItems}, {@code required} and
 * {@code pattern} (tried against a few candidate strings). Where that cannot be promised (a pattern
 * none of the candidates matches, a required property that only recurses, bounds that leave
 * nothing) no example is made at all rather than a wrong one. An example or default the schema
 * carries is used as it is.
 *
 * <p>Deterministic: every value comes from a {@link Random} seeded with a constant and the place
 * it is made for, so the document is the same bytes on every run and one route's examples do not
 * change when another route is added.
 */
public final class SchemaExamples {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long SEED = 0x5EED_1917L;
    private static final String REF_PREFIX = "#/components/schemas/";
    private static final int MAX_DEPTH = 8;
    private static final List<String> WORDS =
            List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet");
    /** strings tried, in order, against a pattern the generated word does not match */
    private static final List<String> PATTERN_CANDIDATES = List.of(
            "example",
            "Example",
            "EXAMPLE",
            "12345",
            "1",
            "a",
            "A",
            "abc-123",
            "abc_123",
            "user@example.com",
            "https://example.com",
            "2024-01-15",
            "+1-555-0100",
            "#a1b2c3",
            "");

    private final ObjectNode components;

    /** Examples for schemas whose {@code $ref}s point into {@code componentSchemas} ({@code components.schemas}). */
    public SchemaExamples(ObjectNode componentSchemas) {
        this.components = componentSchemas;
    }

    /** An example of {@code schema}, made for {@code place} (which seeds it); null when none can be promised valid. */
    public JsonNode example(JsonNode schema, String place) {
        return value(schema, new Random(SEED ^ place.hashCode()), 0, new HashSet<>());
    }

    private JsonNode value(JsonNode schema, Random random, int depth, Set<String> refsOnPath) {
        if (depth > MAX_DEPTH || schema == null || !schema.isObject()) {
            return schema != null && schema.isBoolean() && schema.asBoolean() ? NODES.textNode(word(random)) : null;
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            if (!ref.startsWith(REF_PREFIX) || !refsOnPath.add(ref)) {
                // a model that contains itself: stop here, the caller leaves the property out
                return null;
            }
            try {
                return value(components.get(ref.substring(REF_PREFIX.length())), random, depth + 1, refsOnPath);
            } finally {
                refsOnPath.remove(ref);
            }
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        JsonNode given = schema.path("examples");
        if (given.isArray() && !given.isEmpty()) {
            return given.get(0);
        }
        if (schema.has("default")) {
            return schema.get("default");
        }
        if (schema.has("enum")) {
            List<JsonNode> options = new ArrayList<>();
            schema.get("enum").forEach(option -> {
                if (!option.isNull()) {
                    options.add(option);
                }
            });
            if (options.isEmpty()) {
                return schema.get("enum").isEmpty() ? null : NODES.nullNode();
            }
            return options.get(random.nextInt(options.size()));
        }
        for (String combinator : new String[] {"oneOf", "anyOf"}) {
            if (schema.has(combinator)) {
                return alternative(schema.get(combinator), random, depth, refsOnPath);
            }
        }
        if (schema.has("allOf")) {
            return allOf(schema, random, depth, refsOnPath);
        }
        String type = type(schema);
        return switch (type) {
            case "string" -> string(schema, random);
            case "integer" -> integer(schema, random);
            case "number" -> number(schema, random);
            case "boolean" -> NODES.booleanNode(random.nextBoolean());
            case "array" -> array(schema, random, depth, refsOnPath);
            case "object" -> object(schema, random, depth, refsOnPath);
            case "null" -> NODES.nullNode();
            // no type: any JSON value will do
            default -> NODES.textNode(word(random));
        };
    }

    /** The first non-null alternative that gives a value (a nullable value's example is not null). */
    private JsonNode alternative(JsonNode alternatives, Random random, int depth, Set<String> refsOnPath) {
        boolean nullAllowed = false;
        for (JsonNode alternative : alternatives) {
            if ("null".equals(alternative.path("type").asText())) {
                nullAllowed = true;
                continue;
            }
            JsonNode value = value(alternative, random, depth + 1, refsOnPath);
            if (value != null) {
                return value;
            }
        }
        return nullAllowed ? NODES.nullNode() : null;
    }

    /** {@code allOf} of object schemas: one object made from their properties and required lists together. */
    private JsonNode allOf(JsonNode schema, Random random, int depth, Set<String> refsOnPath) {
        ObjectNode merged = NODES.objectNode();
        ObjectNode properties = merged.putObject("properties");
        ArrayNode required = merged.putArray("required");
        for (JsonNode part : schema.get("allOf")) {
            JsonNode resolved = part;
            while (resolved.has("$ref") && resolved.get("$ref").asText().startsWith(REF_PREFIX)) {
                resolved = components.path(resolved.get("$ref").asText().substring(REF_PREFIX.length()));
            }
            if (!"object".equals(type(resolved)) && !resolved.has("properties")) {
                return null;
            }
            resolved.path("properties").properties().forEach(e -> properties.set(e.getKey(), e.getValue()));
            resolved.path("required").forEach(required::add);
        }
        merged.put("type", "object");
        return object(merged, random, depth, refsOnPath);
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode option : type) {
                if (!option.asText().equals("null")) {
                    return option.asText();
                }
            }
            return "null";
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : schema.has("items") ? "array" : "";
    }

    private static JsonNode string(JsonNode schema, Random random) {
        String format = schema.path("format").asText("");
        String text = switch (format) {
            case "uuid" -> uuid(random).toString();
            case "date" ->
                LocalDate.of(2024, 1, 1).plusDays(random.nextInt(365)).toString();
            case "date-time" ->
                LocalDateTime.of(2024, 1, 1, 0, 0)
                                .plusMinutes(random.nextInt(365 * 24 * 60))
                                .toString()
                        + ":00Z";
            case "time" -> String.format("%02d:%02d:%02dZ", random.nextInt(24), random.nextInt(60), random.nextInt(60));
            case "duration" -> "PT" + (1 + random.nextInt(23)) + "H" + random.nextInt(60) + "M";
            case "email" -> word(random) + "@example.com";
            case "idn-email" -> word(random) + "@example.com";
            case "uri", "iri", "url" -> "https://example.com/" + word(random);
            case "uri-reference", "iri-reference" -> "/" + word(random);
            case "hostname", "idn-hostname" -> word(random) + ".example.com";
            case "ipv4" -> "192.0.2." + (1 + random.nextInt(254));
            case "ipv6" -> "2001:db8::" + Integer.toHexString(1 + random.nextInt(0xfff));
            case "password" -> "s3cr3t-" + word(random);
            default -> "base64".equals(schema.path("contentEncoding").asText()) ? "cmlnZWw=" : word(random);
        };
        int min = schema.path("minLength").asInt(0);
        int max = schema.has("maxLength") ? schema.get("maxLength").asInt() : Integer.MAX_VALUE;
        boolean free = format.isEmpty() && !schema.has("contentEncoding");
        if (free) {
            text = fit(text, min, max);
        }
        String pattern = schema.path("pattern").asText(null);
        if (pattern != null && !matches(pattern, text)) {
            text = null;
            if (free) {
                String simplest = simplestMatch(pattern);
                List<String> candidates = new ArrayList<>();
                if (simplest != null) {
                    candidates.add(simplest);
                }
                candidates.addAll(PATTERN_CANDIDATES);
                for (String candidate : candidates) {
                    if (matches(pattern, candidate) && candidate.length() >= min && candidate.length() <= max) {
                        text = candidate;
                        break;
                    }
                }
            }
        }
        if (text == null
                || text.codePointCount(0, text.length()) < min
                || text.codePointCount(0, text.length()) > max) {
            return null;
        }
        return NODES.textNode(text);
    }

    /** {@code text} padded or cut to fit {@code [min, max]} characters. */
    private static String fit(String text, int min, int max) {
        StringBuilder fitted = new StringBuilder(text);
        while (fitted.length() < min) {
            fitted.append(fitted.length() % 10);
        }
        if (fitted.length() > max) {
            fitted.setLength(max);
        }
        return fitted.toString();
    }

    /**
     * The shortest string a simple pattern describes: a sequence of literal characters, escapes
     * ({@code \\d}, {@code \\w}, {@code \\.}…) and character classes, each with an optional
     * quantifier, between optional anchors ({@code ^[A-Z]{3}-\\d+$} → {@code AAA-0}). Null for
     * anything else (groups, alternatives, negated classes), which the fixed candidates may still match.
     */
    static String simplestMatch(String pattern) {
        String body = pattern.substring(
                pattern.startsWith("^") ? 1 : 0,
                pattern.endsWith("$") && !pattern.endsWith("\\$") ? pattern.length() - 1 : pattern.length());
        // one group of alternatives, the whole pattern: its first alternative ("^(cat|dog)$" → "cat")
        String group = body.startsWith("(?:") ? body.substring(3) : body.startsWith("(") ? body.substring(1) : null;
        if (group != null
                && group.endsWith(")")
                && group.indexOf('(') < 0
                && group.indexOf(')') == group.length() - 1) {
            return simplestMatch(group.substring(0, group.length() - 1).split("\\|", -1)[0]);
        }
        if (body.indexOf('|') < 0 && body.indexOf('(') < 0) {
            return simplestSequence(body);
        }
        return null;
    }

    private static String simplestSequence(String pattern) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int end = pattern.length();
        while (i < end) {
            char c = pattern.charAt(i);
            String atom;
            if (c == '\\' && i + 1 < end) {
                char escaped = pattern.charAt(i + 1);
                atom = switch (escaped) {
                    case 'd' -> "0";
                    case 'w' -> "a";
                    case 's' -> " ";
                    case 'S', 'D' -> "x";
                    case 'W' -> "-";
                    default -> Character.isLetterOrDigit(escaped) ? null : String.valueOf(escaped);
                };
                i += 2;
            } else if (c == '[') {
                int close = pattern.indexOf(']', i + 2);
                if (close < 0 || close >= end || pattern.charAt(i + 1) == '^') {
                    return null;
                }
                char first = pattern.charAt(i + 1);
                atom = first == '\\' ? null : String.valueOf(first);
                i = close + 1;
            } else if ("()|.*+?{}".indexOf(c) >= 0) {
                return null;
            } else {
                atom = String.valueOf(c);
                i++;
            }
            if (atom == null) {
                return null;
            }
            int times = 1;
            if (i < end) {
                char quantifier = pattern.charAt(i);
                if (quantifier == '?' || quantifier == '*') {
                    times = 0;
                    i++;
                } else if (quantifier == '+') {
                    i++;
                } else if (quantifier == '{') {
                    int close = pattern.indexOf('}', i);
                    if (close < 0) {
                        return null;
                    }
                    String bounds =
                            pattern.substring(i + 1, close).split(",", -1)[0].trim();
                    try {
                        times = Integer.parseInt(bounds);
                    } catch (NumberFormatException e) {
                        return null;
                    }
                    i = close + 1;
                }
            }
            out.append(atom.repeat(times));
        }
        return out.toString();
    }

    /** JSON Schema's {@code pattern} is not anchored: it matches when the regex is found anywhere. */
    private static boolean matches(String pattern, String text) {
        try {
            return Pattern.compile(pattern).matcher(text).find();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private static UUID uuid(Random random) {
        // a version 4, variant 2 UUID, as UUID.randomUUID() makes, but from the seeded random
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(most, least);
    }

    private static JsonNode integer(JsonNode schema, Random random) {
        BigInteger low = BigInteger.valueOf(1);
        BigInteger high = BigInteger.valueOf(100);
        BigInteger min = lowerBound(schema);
        BigInteger max = upperBound(schema);
        if (min != null) {
            low = min;
            if (max == null) {
                high = min.add(BigInteger.valueOf(99));
            }
        }
        if (max != null) {
            high = max;
            if (min == null) {
                low = max.subtract(BigInteger.valueOf(99)).max(max.min(BigInteger.ONE));
            }
        }
        if (low.compareTo(high) > 0) {
            return null;
        }
        BigInteger span = high.subtract(low).add(BigInteger.ONE);
        BigInteger value = low.add(BigInteger.valueOf(
                random.nextInt(span.min(BigInteger.valueOf(1000)).intValue())));
        if (schema.has("multipleOf") && schema.get("multipleOf").isIntegralNumber()) {
            BigInteger step = schema.get("multipleOf").bigIntegerValue();
            if (step.signum() > 0) {
                BigInteger remainder = value.mod(step);
                value = remainder.signum() == 0 ? value : value.add(step.subtract(remainder));
                if (value.compareTo(high) > 0) {
                    return null;
                }
            }
        }
        return value.bitLength() < 32 ? NODES.numberNode(value.intValue()) : NODES.numberNode(value);
    }

    /** The least integer allowed: {@code minimum}, or one above {@code exclusiveMinimum}. */
    private static BigInteger lowerBound(JsonNode schema) {
        BigDecimal minimum = decimal(schema, "minimum");
        BigDecimal exclusive = decimal(schema, "exclusiveMinimum");
        BigInteger bound = minimum == null
                ? null
                : minimum.setScale(0, RoundingMode.CEILING).toBigInteger();
        if (exclusive != null) {
            BigInteger above =
                    exclusive.setScale(0, RoundingMode.FLOOR).toBigInteger().add(BigInteger.ONE);
            bound = bound == null ? above : bound.max(above);
        }
        return bound;
    }

    /** The greatest integer allowed: {@code maximum}, or one below {@code exclusiveMaximum}. */
    private static BigInteger upperBound(JsonNode schema) {
        BigDecimal maximum = decimal(schema, "maximum");
        BigDecimal exclusive = decimal(schema, "exclusiveMaximum");
        BigInteger bound =
                maximum == null ? null : maximum.setScale(0, RoundingMode.FLOOR).toBigInteger();
        if (exclusive != null) {
            BigInteger below =
                    exclusive.setScale(0, RoundingMode.CEILING).toBigInteger().subtract(BigInteger.ONE);
            bound = bound == null ? below : bound.min(below);
        }
        return bound;
    }

    private static BigDecimal decimal(JsonNode schema, String keyword) {
        JsonNode node = schema.get(keyword);
        return node != null && node.isNumber() ? node.decimalValue() : null;
    }

    /**
     * A number with two decimals inside the bounds; when the bounds are closer than that, their
     * midpoint (which an exclusive bound never equals).
     */
    private static JsonNode number(JsonNode schema, Random random) {
        BigDecimal min = firstNonNull(decimal(schema, "minimum"), decimal(schema, "exclusiveMinimum"));
        BigDecimal max = firstNonNull(decimal(schema, "maximum"), decimal(schema, "exclusiveMaximum"));
        if (min == null && max == null) {
            min = BigDecimal.ONE;
            max = BigDecimal.valueOf(100);
        } else if (min == null) {
            min = max.subtract(BigDecimal.valueOf(100));
        } else if (max == null) {
            max = min.add(BigDecimal.valueOf(100));
        }
        if (min.compareTo(max) > 0) {
            return null;
        }
        BigDecimal value = min.add(max.subtract(min)
                .multiply(BigDecimal.valueOf(random.nextInt(99) + 1))
                .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP));
        if (!inside(schema, value)) {
            value = min.add(max)
                    .divide(BigDecimal.valueOf(2), 10, RoundingMode.HALF_UP)
                    .stripTrailingZeros();
        }
        if (!inside(schema, value)) {
            return null;
        }
        if (schema.has("multipleOf")) {
            BigDecimal step = schema.get("multipleOf").decimalValue();
            if (step.signum() > 0) {
                value = value.divide(step, 0, RoundingMode.CEILING).multiply(step);
                if (!inside(schema, value)) {
                    return null;
                }
            }
        }
        return NODES.numberNode(value);
    }

    private static boolean inside(JsonNode schema, BigDecimal value) {
        BigDecimal minimum = decimal(schema, "minimum");
        BigDecimal maximum = decimal(schema, "maximum");
        BigDecimal exclusiveMinimum = decimal(schema, "exclusiveMinimum");
        BigDecimal exclusiveMaximum = decimal(schema, "exclusiveMaximum");
        return (minimum == null || value.compareTo(minimum) >= 0)
                && (maximum == null || value.compareTo(maximum) <= 0)
                && (exclusiveMinimum == null || value.compareTo(exclusiveMinimum) > 0)
                && (exclusiveMaximum == null || value.compareTo(exclusiveMaximum) < 0);
    }

    private static BigDecimal firstNonNull(BigDecimal a, BigDecimal b) {
        return a != null ? a : b;
    }

    private JsonNode array(JsonNode schema, Random random, int depth, Set<String> refsOnPath) {
        int min = schema.path("minItems").asInt(0);
        int max = schema.has("maxItems") ? schema.get("maxItems").asInt() : Integer.MAX_VALUE;
        int count = Math.min(Math.max(min, 1), max);
        ArrayNode array = NODES.arrayNode();
        Set<JsonNode> seen = new HashSet<>();
        boolean unique = schema.path("uniqueItems").asBoolean();
        // a unique item is drawn again a few times (the random moves on) before giving up
        for (int attempt = 0; array.size() < count && attempt < count * 8; attempt++) {
            JsonNode item = schema.has("items")
                    ? value(schema.get("items"), random, depth + 1, refsOnPath)
                    : NODES.textNode(word(random));
            if (item == null) {
                // an item type that cannot be made: an empty list still shows the shape, if allowed
                return min == 0 ? array : null;
            }
            if (!unique || seen.add(item)) {
                array.add(item);
            }
        }
        return array.size() == count ? array : null;
    }

    private JsonNode object(JsonNode schema, Random random, int depth, Set<String> refsOnPath) {
        ObjectNode object = NODES.objectNode();
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        int max = schema.has("maxProperties") ? schema.get("maxProperties").asInt() : Integer.MAX_VALUE;
        List<Map.Entry<String, JsonNode>> optional = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        schema.path("properties").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            if (required.contains(property.getKey())) {
                JsonNode value = value(property.getValue(), random, depth + 1, refsOnPath);
                if (value == null) {
                    return null;
                }
                object.set(property.getKey(), value);
            } else {
                optional.add(property);
            }
        }
        for (String name : required) {
            if (!object.has(name)) {
                // required but not described: nothing to make it from
                return null;
            }
        }
        for (Map.Entry<String, JsonNode> property : optional) {
            if (object.size() >= max) {
                break;
            }
            JsonNode value = value(property.getValue(), random, depth + 1, refsOnPath);
            if (value != null) {
                object.set(property.getKey(), value);
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        // a map: one entry shows what its values look like
        int min = Math.max(
                schema.path("minProperties").asInt(0),
                object.isEmpty() && additional != null && additional.isObject() && !schema.has("properties") ? 1 : 0);
        for (int i = 1; object.size() < min; i++) {
            if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                return null;
            }
            JsonNode value = additional != null && additional.isObject()
                    ? value(additional, random, depth + 1, refsOnPath)
                    : NODES.textNode(word(random));
            if (value == null) {
                return null;
            }
            object.set("key" + i, value);
        }
        return object.size() > max ? null : object;
    }

    private static String word(Random random) {
        return WORDS.get(random.nextInt(WORDS.size()));
    }
}

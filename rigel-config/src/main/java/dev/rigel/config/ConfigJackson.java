package dev.rigel.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.rigel.security.SecretString;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Jackson mapper that binds settings: lenient about case and single values, strict about types. */
final class ConfigJackson {

    private ConfigJackson() {}

    static ObjectMapper mapper() {
        SimpleModule module = new SimpleModule("rigel-config");
        module.addDeserializer(Duration.class, new DurationDeserializer());
        module.addDeserializer(SecretString.class, new SecretDeserializer());
        return JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .addModule(module)
                .build();
    }

    /**
     * Durations as people write them in settings: {@code 30s}, {@code 500ms}, {@code 2m},
     * {@code 1h}, {@code 1d}, ISO-8601 ({@code PT30S}), or a bare number of milliseconds (as Spring).
     */
    static final class DurationDeserializer extends StdScalarDeserializer<Duration> {

        private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ns|us|ms|s|m|h|d)?");

        DurationDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (text == null) {
                return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
            }
            String trimmed = text.trim().toLowerCase(Locale.ROOT);
            Matcher m = SIMPLE.matcher(trimmed);
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                String unit = m.group(2) == null ? "ms" : m.group(2);
                return switch (unit) {
                    case "ns" -> Duration.ofNanos(amount);
                    case "us" -> Duration.ofNanos(amount * 1000);
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            try {
                return Duration.parse(text.trim());
            } catch (DateTimeParseException e) {
                return (Duration) ctxt.handleWeirdStringValue(
                        Duration.class, text, "not a duration (write e.g. 30s, 500ms, 2m, 1h or PT30S)");
            }
        }
    }

    /** A secret from its text; its value stays out of every message. */
    static final class SecretDeserializer extends StdScalarDeserializer<SecretString> {

        SecretDeserializer() {
            super(SecretString.class);
        }

        @Override
        public SecretString deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            if (text == null) {
                return (SecretString) ctxt.handleUnexpectedToken(SecretString.class, p);
            }
            return SecretString.of(text);
        }
    }
}

package dev.rigel.middleware.session;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stored form of a session, in both backends: {@code {"t": <epoch millis>, "data": {…}}},
 * where {@code t} is the expiry (client-side) or the time of issue (server-side).
 */
final class SessionJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .build();

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /** A decoded session: its data and its timestamp. */
    record Stored(long time, Map<String, Object> data) {}

    private SessionJson() {}

    static byte[] write(long time, Map<String, Object> data) {
        Map<String, Object> stored = new LinkedHashMap<>(2);
        stored.put("t", time);
        stored.put("data", data);
        try {
            return MAPPER.writeValueAsBytes(stored);
        } catch (IOException e) {
            // values were converted to JSON types when put, so this is not expected
            throw new IllegalStateException("Cannot encode the session as JSON: " + e.getMessage(), e);
        }
    }

    /** The stored session, or empty when {@code json} is not one (never throws for bad input). */
    static Optional<Stored> read(byte[] json) {
        try {
            Map<String, Object> stored = MAPPER.readValue(json, MAP);
            if (stored != null
                    && stored.get("t") instanceof Number time
                    && stored.get("data") instanceof Map<?, ?> data) {
                Map<String, Object> values = new LinkedHashMap<>();
                data.forEach((key, value) -> values.put(String.valueOf(key), value));
                return Optional.of(new Stored(time.longValue(), values));
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

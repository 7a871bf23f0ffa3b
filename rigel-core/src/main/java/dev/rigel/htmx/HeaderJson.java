package dev.rigel.htmx;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.rigel.exceptions.ClientException;
import java.util.Map;

/**
 * JSON in htmx's headers: the detail of triggered events and {@code HX-Location} going out, the
 * triggering event coming in. Written with every non-ASCII character escaped, so a header value
 * stays ASCII whatever the detail holds.
 */
final class HeaderJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};

    private HeaderJson() {}

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + value + " as JSON for an htmx header", e);
        }
    }

    /** A JSON object a client sent in {@code header}; null when absent; malformed is a 400. */
    static Map<String, Object> readObject(String header, String value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.readValue(value, OBJECT);
        } catch (JsonProcessingException e) {
            throw new ClientException("Invalid " + header + " header: expected a JSON object");
        }
    }
}

package dev.rigel.testing;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.protocol.Headers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A response received by the {@link TestClient}: status, headers and the whole body. */
public final class TestResponse {

    private final int status;
    private final Headers headers;
    private final byte[] body;
    private final ObjectMapper mapper;

    TestResponse(int status, Headers headers, byte[] body, ObjectMapper mapper) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.mapper = mapper;
    }

    public int status() {
        return status;
    }

    public Headers headers() {
        return headers;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        return headers.get(name);
    }

    public byte[] body() {
        return body.clone();
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as a JSON tree. */
    public JsonNode json() {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Response body is not JSON: " + text(), e);
        }
    }

    /** The body decoded with the app's own JSON settings. */
    public <T> T json(Class<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot decode response body as " + type.getSimpleName() + ": " + text(), e);
        }
    }

    public <T> T json(TypeReference<T> type) {
        try {
            return mapper.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot decode response body: " + text(), e);
        }
    }

    /** The body as a JSON object. */
    public Map<String, Object> jsonMap() {
        return json(new TypeReference<>() {});
    }

    /** The body as a JSON array of objects. */
    public List<Map<String, Object>> jsonList() {
        return json(new TypeReference<>() {});
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    @Override
    public String toString() {
        return "TestResponse[" + status + " " + headers + " " + text() + "]";
    }
}

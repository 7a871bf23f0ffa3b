package dev.rigel.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rigel.protocol.Headers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A request being prepared by a {@link TestClient}: {@code client.request("PATCH", "/users/1")
 * .header("x-token", "t").json(Map.of("name", "Ada")).send()}.
 */
public final class TestRequest {

    private final TestClient client;
    private final String method;
    private final StringBuilder target;
    private final Headers headers = new Headers();
    private OutgoingBody body = OutgoingBody.EMPTY;

    TestRequest(TestClient client, String method, String pathAndQuery) {
        this.client = client;
        this.method = method;
        this.target = new StringBuilder(pathAndQuery);
    }

    public TestRequest header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    /** Adds a query parameter, URL-encoded. */
    public TestRequest query(String name, Object value) {
        target.append(target.indexOf("?") < 0 ? '?' : '&')
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
        return this;
    }

    /** Sends {@code value} encoded as JSON with the app's own mapper. */
    public TestRequest json(Object value) {
        try {
            body = OutgoingBody.of(client.mapper().writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot encode " + value + " as JSON", e);
        }
        headers.setIfAbsent("content-type", "application/json");
        return this;
    }

    public TestRequest body(byte[] raw, String contentType) {
        body = OutgoingBody.of(raw.clone());
        if (contentType != null) {
            headers.set("content-type", contentType);
        }
        return this;
    }

    /**
     * Sends the body read from {@code source} as it is read, without a declared length: chunked
     * over a live server, 64 KiB body messages in-process. For uploads too large to hold, and for
     * testing handlers that read the body as it arrives ({@code request.stream()}). The source is
     * read once, by the request that sends it.
     */
    public TestRequest chunked(java.io.InputStream source, String contentType) {
        body = OutgoingBody.streamed(java.util.Objects.requireNonNull(source, "source"));
        if (contentType != null) {
            headers.set("content-type", contentType);
        }
        return this;
    }

    /**
     * Sends {@code fields} as an {@code application/x-www-form-urlencoded} body; an iterable value
     * repeats its field.
     */
    public TestRequest form(java.util.Map<String, ?> fields) {
        StringBuilder encoded = new StringBuilder();
        fields.forEach((name, value) -> {
            Iterable<?> values = value instanceof Iterable<?> many ? many : java.util.List.of(value);
            for (Object single : values) {
                encoded.append(encoded.isEmpty() ? "" : "&")
                        .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                        .append('=')
                        .append(URLEncoder.encode(String.valueOf(single), StandardCharsets.UTF_8));
            }
        });
        return body(encoded.toString().getBytes(StandardCharsets.US_ASCII), "application/x-www-form-urlencoded");
    }

    /** Sends a {@code multipart/form-data} body (see {@link Multipart}). */
    public TestRequest multipart(Multipart multipart) {
        return body(multipart.body(), multipart.contentType());
    }

    public TestRequest text(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
    }

    public TestResponse send() {
        return client.execute(method, target.toString(), headers, body);
    }

    /**
     * Sends the request and returns as soon as the response started, with its body to read as it
     * arrives (server-sent events, streams). Closing the response is the client leaving.
     */
    public StreamedTestResponse stream() {
        return client.executeStreamed(method, target.toString(), headers, body);
    }

    public CompletableFuture<TestResponse> sendAsync() {
        return client.executeAsync(method, target.toString(), headers, body);
    }
}

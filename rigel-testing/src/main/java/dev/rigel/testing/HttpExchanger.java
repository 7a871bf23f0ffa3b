package dev.rigel.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.protocol.Headers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Sends a {@link TestClient}'s requests over real HTTP/1.1 with the JDK's client. */
final class HttpExchanger implements AutoCloseable {

    /** Headers the JDK client sets itself and refuses to take from callers. */
    private static final Set<String> RESTRICTED =
            Set.of("host", "content-length", "transfer-encoding", "connection", "expect", "upgrade");

    private final URI baseUri;
    private final HttpClient client;
    /** WebSockets opened through this client; any still open are aborted on close, which would otherwise wait for them. */
    private final Set<JdkWebSocket> webSockets = ConcurrentHashMap.newKeySet();

    HttpExchanger(URI baseUri) {
        this.baseUri = baseUri;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    private HttpRequest build(String method, String pathAndQuery, Headers headers, OutgoingBody body) {
        String base = baseUri.toString().endsWith("/")
                ? baseUri.toString().substring(0, baseUri.toString().length() - 1)
                : baseUri.toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(method, publisher(method, body));
        for (int i = 0; i < headers.size(); i++) {
            if (!RESTRICTED.contains(headers.nameAt(i).toLowerCase(Locale.ROOT))) {
                request.header(headers.nameAt(i), headers.valueAt(i));
            }
        }
        return request.build();
    }

    /** A streamed body goes out chunked (no length known); bytes with their length. */
    private static HttpRequest.BodyPublisher publisher(String method, OutgoingBody body) {
        if (body.isStreamed()) {
            return HttpRequest.BodyPublishers.ofInputStream(body::chunks);
        }
        return body.bytes().length == 0 && !List.of("POST", "PUT", "PATCH").contains(method)
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body.bytes());
    }

    TestResponse exchange(String method, String pathAndQuery, Headers headers, OutgoingBody body, ObjectMapper mapper) {
        HttpRequest request = build(method, pathAndQuery, headers, body);
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new TestResponse(response.statusCode(), headersOf(response), response.body(), mapper);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(method + " " + pathAndQuery + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + pathAndQuery, e);
        }
    }

    /**
     * Sends a request and returns once the response head arrived, its body readable as it comes.
     * Closing the response before the body ended closes the connection (the client left).
     */
    StreamedTestResponse stream(String method, String pathAndQuery, Headers headers, OutgoingBody body) {
        HttpRequest request = build(method, pathAndQuery, headers, body);
        try {
            HttpResponse<java.io.InputStream> response =
                    client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            java.io.InputStream in = response.body();
            return new StreamedTestResponse(response.statusCode(), headersOf(response), in, () -> {});
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(method + " " + pathAndQuery + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + pathAndQuery, e);
        }
    }

    private static Headers headersOf(HttpResponse<?> response) {
        Headers received = new Headers();
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                values.forEach(value -> received.add(name, value));
            }
        });
        return received;
    }

    /** Opens a real WebSocket to {@code pathAndQuery} on the server (ws: or wss: by the base URI's scheme). */
    WebSocketTestSession openWebSocket(
            String pathAndQuery, Headers headers, List<String> subprotocols, ObjectMapper mapper) {
        String base = baseUri.toString().endsWith("/")
                ? baseUri.toString().substring(0, baseUri.toString().length() - 1)
                : baseUri.toString();
        URI uri = URI.create(base.replaceFirst("^http", "ws") + pathAndQuery);
        JdkWebSocket socket = JdkWebSocket.connect(client, uri, headers, subprotocols, pathAndQuery, mapper);
        webSockets.add(socket);
        return socket;
    }

    @Override
    public void close() {
        webSockets.forEach(JdkWebSocket::abort);
        client.close();
    }
}

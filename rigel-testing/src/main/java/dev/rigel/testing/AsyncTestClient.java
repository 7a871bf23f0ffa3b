package dev.rigel.testing;

import dev.rigel.App;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link TestClient} with futures: each request runs on its own virtual thread, so tests can
 * fire many at once ({@code CompletableFuture.allOf(...)}) and exercise concurrency.
 */
public final class AsyncTestClient implements AutoCloseable {

    private final TestClient client;

    private AsyncTestClient(TestClient client) {
        this.client = client;
    }

    public static AsyncTestClient of(App app) {
        return new AsyncTestClient(TestClient.of(app));
    }

    /** The underlying synchronous client (shares cookies and settings). */
    public TestClient sync() {
        return client;
    }

    public TestRequest request(String method, String pathAndQuery) {
        return client.request(method, pathAndQuery);
    }

    public CompletableFuture<TestResponse> get(String pathAndQuery) {
        return client.request("GET", pathAndQuery).sendAsync();
    }

    public CompletableFuture<TestResponse> delete(String pathAndQuery) {
        return client.request("DELETE", pathAndQuery).sendAsync();
    }

    public CompletableFuture<TestResponse> post(String pathAndQuery, Object json) {
        return client.request("POST", pathAndQuery).json(json).sendAsync();
    }

    public CompletableFuture<TestResponse> put(String pathAndQuery, Object json) {
        return client.request("PUT", pathAndQuery).json(json).sendAsync();
    }

    public CompletableFuture<TestResponse> patch(String pathAndQuery, Object json) {
        return client.request("PATCH", pathAndQuery).json(json).sendAsync();
    }

    @Override
    public void close() {
        client.close();
    }
}

package dev.rigel.security.jwt.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * GETs a small JSON document (a JWK set) with bounded time and size: the whole exchange, connect
 * to last body byte, must finish within the request timeout (the JDK's own request timeout stops
 * at the response headers, so a server that trickles its body would otherwise hold a fetch open),
 * and a body past {@code maxBytes} is cut off and fails the fetch.
 */
public final class HttpDocumentFetcher {

    private final HttpClient client;
    private final URI uri;
    private final Duration requestTimeout;
    private final int maxBytes;

    public HttpDocumentFetcher(HttpClient client, URI uri, Duration requestTimeout, int maxBytes) {
        this.client = client;
        this.uri = uri;
        this.requestTimeout = requestTimeout;
        this.maxBytes = maxBytes;
    }

    /** Starts a fetch: the body as text on HTTP 200, else a failed future; never longer than the timeout. */
    public CompletableFuture<String> fetch() {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", "application/jwk-set+json, application/json")
                .GET()
                .build();
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request, info -> limited(maxBytes));
        return exchange.thenApply(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + response.statusCode());
                    }
                    return response.body();
                })
                .orTimeout(requestTimeout.toNanos(), TimeUnit.NANOSECONDS)
                .whenComplete((body, failure) -> {
                    if (failure != null) {
                        // stops a body still arriving after the deadline
                        exchange.cancel(true);
                    }
                });
    }

    /** A body subscriber that collects at most {@code maxBytes} and fails past that. */
    private static BodySubscriber<String> limited(int maxBytes) {
        return new BodySubscriber<>() {
            private final CompletableFuture<String> result = new CompletableFuture<>();
            private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            private Flow.Subscription subscription;

            @Override
            public CompletionStage<String> getBody() {
                return result;
            }

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(List<ByteBuffer> items) {
                if (result.isDone()) {
                    return;
                }
                for (ByteBuffer item : items) {
                    if (bytes.size() + item.remaining() > maxBytes) {
                        subscription.cancel();
                        result.completeExceptionally(
                                new IOException("the document is larger than " + maxBytes + " bytes"));
                        return;
                    }
                    byte[] chunk = new byte[item.remaining()];
                    item.get(chunk);
                    bytes.write(chunk, 0, chunk.length);
                }
            }

            @Override
            public void onError(Throwable throwable) {
                result.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                result.complete(bytes.toString(StandardCharsets.UTF_8));
            }
        };
    }
}

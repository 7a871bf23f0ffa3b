package dev.rigel.internal.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.cache.Cache;
import dev.rigel.cache.ResponseCacheConfig;
import dev.rigel.protocol.Headers;
import dev.rigel.stores.MemoryStore;
import dev.rigel.stores.Store;
import dev.rigel.stores.StoreRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response cache of one route: looks a request's key up in the app's response-cache store and
 * stores whole responses the filter accepts. An entry is the response's status, headers and body
 * as JSON (its own plain mapper, so the app's JSON settings never change the format). A failing
 * store is logged and counts as a miss.
 */
final class ResponseCache {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rigel.cache");
    private static final ObjectMapper ENTRIES = new ObjectMapper();

    /** What is kept per key: {@code headers} alternate name and value. */
    record Entry(int status, List<String> headers, byte[] body) {
    }

    private final ResponseCacheConfig config;
    private final Store store;
    private final Duration expiry;
    private final String route;

    private ResponseCache(ResponseCacheConfig config, Store store, Duration expiry, String route) {
        this.config = config;
        this.store = store;
        this.expiry = expiry;
        this.route = route;
    }

    /** The cache for a route with {@code cache} option {@code option}; null when it is not cached. */
    static ResponseCache forRoute(int option, ResponseCacheConfig config, StoreRegistry stores, String route) {
        Cache.check(option, route);
        if (option == Cache.NONE) {
            return null;
        }
        Duration expiry = switch (option) {
            case Cache.DEFAULT -> config.defaultExpiration();
            case Cache.FOREVER -> null;
            default -> Duration.ofSeconds(option);
        };
        return new ResponseCache(config, stores.get(config.store()), expiry, route);
    }

    /** Whether looking up or storing may block (anything but an in-memory store). */
    boolean mayBlock() {
        return !(store instanceof MemoryStore);
    }

    /**
     * The cached answer to {@code exchange}, or null (also when the store failed). On a miss it
     * remembers the key in the exchange for {@link #store}; a hit is never stored again, which
     * would push its expiry out.
     */
    EncodedResponse lookup(Exchange exchange) {
        String key = config.keyBuilder().key(exchange);
        EncodedResponse hit = find(exchange, key);
        exchange.cacheKey = hit == null ? key : null;
        return hit;
    }

    private EncodedResponse find(Exchange exchange, String key) {
        Optional<byte[]> stored;
        try {
            stored = store.get(key);
        } catch (RuntimeException e) {
            LOG.error("Response cache lookup for {} failed; serving it uncached", route, e);
            return null;
        }
        if (stored.isEmpty()) {
            return null;
        }
        Entry entry;
        try {
            entry = ENTRIES.readValue(stored.get(), Entry.class);
        } catch (IOException e) {
            LOG.warn("Response cache entry {} of {} cannot be read; serving it uncached", key, route, e);
            return null;
        }
        Headers headers = new Headers(entry.headers().size() / 2 + 2);
        for (int i = 0; i + 1 < entry.headers().size(); i += 2) {
            headers.add(entry.headers().get(i), entry.headers().get(i + 1));
        }
        String etag = headers.get("etag");
        java.time.Instant lastModified = HttpDates.parse(headers.get("last-modified"));
        if ((etag != null || lastModified != null) && entry.status() >= 200 && entry.status() < 300) {
            EncodedResponse conditional = ContentResponses.conditional(exchange, headers, etag, lastModified);
            if (conditional != null) {
                return conditional;
            }
        }
        return new EncodedResponse(entry.status(), headers, entry.body());
    }

    /** Stores a response the route produced for a request that missed, if the filter accepts it. */
    void store(Exchange exchange, EncodedResponse response) {
        String key = exchange.cacheKey;
        if (key == null || response.streamed() != null || !config.filter().shouldCache(exchange, response.status())) {
            return;
        }
        Headers headers = response.headers();
        List<String> flat = new ArrayList<>(headers.size() * 2);
        for (int i = 0; i < headers.size(); i++) {
            flat.add(headers.nameAt(i));
            flat.add(headers.valueAt(i));
        }
        try {
            store.set(key, ENTRIES.writeValueAsBytes(new Entry(response.status(), flat, response.body())), expiry);
        } catch (IOException | RuntimeException e) {
            LOG.error("Storing the response of {} in the response cache failed", route, e);
        }
    }
}

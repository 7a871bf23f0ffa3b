package dev.rigel.internal.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.cache.Cache;
import dev.rigel.cache.CacheKeyBuilder;
import dev.rigel.cache.ResponseCacheConfig;
import dev.rigel.internal.body.ContentResponses;
import dev.rigel.internal.body.EncodedResponse;
import dev.rigel.internal.exchange.Exchange;
import dev.rigel.internal.http.HttpDates;
import dev.rigel.protocol.Headers;
import dev.rigel.stores.MemoryStore;
import dev.rigel.stores.Store;
import dev.rigel.stores.StoreRegistry;
import dev.rigel.stores.StoreUnavailableException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response cache of one route: looks a request's key up in the app's response-cache store and
 * stores whole responses the filter accepts. An entry is the response's status, headers and body
 * as JSON (its own plain mapper, so the app's JSON settings never change the format). A failing
 * store counts as a miss: the route runs uncached (an unavailable store is logged by the store,
 * once per outage; any other failure here). Concurrent misses of one key are single-flight through
 * the app's {@link CacheFlights}: one request runs the handler, the others wait (bounded) for what
 * it stores. A hit never touches the flights.
 */
public final class ResponseCache {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rigel.cache");
    private static final ObjectMapper ENTRIES = new ObjectMapper();
    /** What {@link #read} answers when the store failed (compared by identity). */
    private static final byte[] UNREADABLE = new byte[0];

    /** What is kept per key: {@code headers} alternate name and value. */
    record Entry(int status, List<String> headers, byte[] body) {}

    private final ResponseCacheConfig config;
    private final CacheKeyBuilder keyBuilder;
    private final Store store;
    private final Duration expiry;
    private final String route;
    private final CacheFlights flights;
    private final long waitNanos;

    private ResponseCache(
            ResponseCacheConfig config,
            CacheKeyBuilder keyBuilder,
            Store store,
            Duration expiry,
            String route,
            CacheFlights flights) {
        this.config = config;
        this.keyBuilder = keyBuilder;
        this.store = store;
        this.expiry = expiry;
        this.route = route;
        this.flights = flights;
        Duration wait = config.singleFlightTimeout();
        // beyond ~292 years in nanoseconds: as good as forever
        this.waitNanos = wait.compareTo(Duration.ofDays(100 * 365)) > 0 ? Long.MAX_VALUE : wait.toNanos();
    }

    /**
     * The cache for a route with {@code cache} option {@code option} and its own key builder (null:
     * the config's); null when it is not cached.
     *
     * @throws IllegalArgumentException for a bad option, or a key builder on a route that is not cached
     */
    public static ResponseCache forRoute(
            int option,
            CacheKeyBuilder routeKeyBuilder,
            ResponseCacheConfig config,
            StoreRegistry stores,
            CacheFlights flights,
            String route) {
        Cache.check(option, route);
        if (option == Cache.NONE) {
            if (routeKeyBuilder != null) {
                throw new IllegalArgumentException(route + " has a cacheKeyBuilder but no cache option, so nothing"
                        + " would use it; set cache too (e.g. cache = Cache.DEFAULT)");
            }
            return null;
        }
        Duration expiry = switch (option) {
            case Cache.DEFAULT -> config.defaultExpiration();
            case Cache.FOREVER -> null;
            default -> Duration.ofSeconds(option);
        };
        return new ResponseCache(
                config,
                routeKeyBuilder != null ? routeKeyBuilder : config.keyBuilder(),
                stores.get(config.store()),
                expiry,
                route,
                flights);
    }

    /** Whether looking up or storing may block (anything but an in-memory store). */
    public boolean mayBlock() {
        return !(store instanceof MemoryStore);
    }

    /**
     * The cached answer to {@code exchange}, or null when the route must run (also when the store
     * failed). On a miss it remembers the key in the exchange for {@link #complete}; a hit is never
     * stored again, which would push its expiry out.
     *
     * <p>A miss joins the key's flight. The first request leads: it looks the store up once more
     * (the previous leader may have stored the entry and left between this request's lookup and
     * its joining) and then runs the route, and {@link #complete} must follow whatever happens.
     * Later requests wait for the leader if {@code mayWait} (never on the event loop) and take the
     * entry it stored; when it stored nothing, or took longer than the config's
     * {@code singleFlightTimeout} since it started, they run the route themselves.
     */
    public EncodedResponse lookup(Exchange exchange, boolean mayWait) {
        String key = keyBuilder.key(exchange);
        dev.rigel.internal.json.BodyFormat format =
                exchange.jsonCodec().negotiate(exchange.headers().getAll("accept"));
        if (format != null) {
            // the same resource in another body format is another entry (JSON keeps the plain key)
            key = key + " [" + format.mediaType() + "]";
        }
        byte[] stored = read(key);
        if (stored != null && stored != UNREADABLE) {
            EncodedResponse hit = decode(exchange, key, stored);
            if (hit != null) {
                return hit;
            }
        }
        exchange.cacheKey = key;
        CacheFlights.Flight mine = new CacheFlights.Flight();
        CacheFlights.Flight flight = flights.join(key, mine);
        if (flight == mine) {
            exchange.cacheFlight = mine;
            if (stored == UNREADABLE) {
                return null; // the store just failed: asking again would only log it twice
            }
            stored = read(key);
            EncodedResponse hit = stored == null || stored == UNREADABLE ? null : decode(exchange, key, stored);
            if (hit != null) {
                flights.finish(key, mine, stored);
                exchange.cacheFlight = null;
                exchange.cacheKey = null;
            }
            return hit;
        }
        if (!mayWait || waitNanos <= 0 || stored == UNREADABLE) {
            // a failing store will fail the leader's write too: waiting would only add its time to ours
            return null;
        }
        stored = flight.await(waitNanos);
        EncodedResponse shared = stored == null ? null : decode(exchange, key, stored);
        if (shared != null) {
            exchange.cacheKey = null;
        }
        return shared;
    }

    /** The stored entry for {@code key}, null when there is none, or {@link #UNREADABLE} when the store failed. */
    private byte[] read(String key) {
        try {
            return store.get(key).orElse(null);
        } catch (StoreUnavailableException e) {
            // the store logs its outage once; a line per request would flood the log
            LOG.debug("Response cache of {} unavailable; serving it uncached: {}", route, e.toString());
            return UNREADABLE;
        } catch (RuntimeException e) {
            LOG.error("Response cache lookup for {} failed; serving it uncached", route, e);
            return UNREADABLE;
        }
    }

    /** The response a stored entry replays for {@code exchange}, or null when it cannot be read. */
    private EncodedResponse decode(Exchange exchange, String key, byte[] stored) {
        Entry entry;
        try {
            entry = ENTRIES.readValue(stored, Entry.class);
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

    /**
     * Ends a request that missed: stores {@code produced} (the response the route produced; null
     * when an error answer replaced it) if the filter accepts it, then, when the request led its
     * key's flight, releases the followers with the stored entry, or with nothing so they run the
     * route themselves. Called before the response is sent, so neither a slow client nor one that
     * left holds the followers up.
     */
    public void complete(Exchange exchange, EncodedResponse produced) {
        String key = exchange.cacheKey;
        if (key == null) {
            return;
        }
        byte[] stored = null;
        try {
            stored = store(exchange, key, produced);
        } finally {
            release(exchange, stored);
        }
    }

    /**
     * Releases the followers if {@code exchange} leads a flight (a no-op otherwise, or once done):
     * from {@link #complete}, and for a request that fails before it gets there.
     */
    public void release(Exchange exchange, byte[] stored) {
        CacheFlights.Flight flight = (CacheFlights.Flight) exchange.cacheFlight;
        if (flight != null) {
            exchange.cacheFlight = null;
            flights.finish(exchange.cacheKey, flight, stored);
        }
    }

    /** The entry made for {@code response} (stored, or refused by a failing store), or null when it is not cached. */
    private byte[] store(Exchange exchange, String key, EncodedResponse response) {
        if (response == null
                || response.streamed() != null
                || !config.filter().shouldCache(exchange, response.status())) {
            return null;
        }
        Headers headers = response.headers();
        List<String> flat = new ArrayList<>(headers.size() * 2);
        for (int i = 0; i < headers.size(); i++) {
            flat.add(headers.nameAt(i));
            flat.add(headers.valueAt(i));
        }
        byte[] entry;
        try {
            entry = ENTRIES.writeValueAsBytes(new Entry(response.status(), flat, response.body()));
        } catch (IOException | RuntimeException e) {
            LOG.error("Encoding the response of {} for the response cache failed", route, e);
            return null;
        }
        try {
            store.set(key, entry, expiry);
        } catch (StoreUnavailableException e) {
            LOG.debug("Response cache of {} unavailable; the response is not stored: {}", route, e.toString());
        } catch (RuntimeException e) {
            LOG.error("Storing the response of {} in the response cache failed", route, e);
        }
        // the followers share it from memory even when the store refused it
        return entry;
    }
}

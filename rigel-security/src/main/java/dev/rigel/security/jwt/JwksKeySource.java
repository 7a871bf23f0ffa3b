package dev.rigel.security.jwt;

import dev.rigel.security.jwt.internal.HttpDocumentFetcher;
import dev.rigel.security.jwt.internal.JwkSetReader;
import dev.rigel.security.jwt.internal.RemoteCache;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys an identity provider publishes as a JWK Set at a URL (its {@code jwks_uri}), for a
 * resource server that verifies the provider's tokens. Thread-safe; close it to release its HTTP
 * client.
 *
 * <pre>{@code
 * JwksKeySource jwks = JwksKeySource.builder(URI.create("https://idp.example.com/.well-known/jwks.json")).build();
 * TokenVerifier verifier = TokenVerifier.builder().algorithms(JwtAlgorithm.RS256).keySource(jwks)
 *         .issuer("https://idp.example.com/").audience("orders-api").build();
 * }</pre>
 *
 * <p>How it fetches (every number configurable on the builder):
 *
 * <ul>
 *   <li>The first verification fetches the set. Afterwards the keys are served from memory; once
 *       they are older than {@code refreshAfter} (5 minutes) the next verification starts a fetch
 *       in the background and goes on with the keys it has.
 *   <li>A token naming a key id the set lacks (a rotation the cache has not seen yet) makes it
 *       fetch at once, and wait for that fetch; still unknown afterwards, the token is refused
 *       ({@link InvalidTokenException.Reason#UNKNOWN_KEY}).
 *   <li>At most one fetch starts per {@code minRefreshInterval} (30 seconds), whatever asks, so a
 *       flood of tokens with made-up key ids costs the provider one request per interval; callers
 *       that come while a fetch runs wait for that one.
 *   <li>A fetch takes at most {@code timeout} (2 seconds, connecting included) and reads at most 1
 *       MiB. When fetches fail (provider down, an error status, a body that is not a JWK Set with
 *       at least one usable key) the keys already held keep serving until they are {@code maxAge}
 *       (1 hour) old; past that, and before any fetch succeeded, verification throws {@link
 *       KeysUnavailableException}, a 503, rather than wait or accept tokens on keys that may have
 *       been withdrawn. The outage is logged once at WARN and its end at INFO.
 * </ul>
 */
public final class JwksKeySource implements KeySource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JwksKeySource.class);

    /** The largest JWK Set read: provider sets hold a handful of keys, a few KiB. */
    static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

    private final URI uri;
    private final HttpClient client;
    private final boolean ownsClient;
    private final RemoteCache<KeySet> cache;

    private JwksKeySource(Builder builder) {
        this.uri = builder.uri;
        this.ownsClient = builder.client == null;
        this.client = ownsClient
                ? HttpClient.newBuilder()
                        .connectTimeout(builder.timeout)
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build()
                : builder.client;
        HttpDocumentFetcher fetcher = new HttpDocumentFetcher(client, uri, builder.timeout, MAX_DOCUMENT_BYTES);
        String name = "the JWK Set at " + redacted(uri);
        this.cache = new RemoteCache<>(
                name,
                () -> fetcher.fetch().thenApply(this::parse),
                KeysUnavailableException::new,
                builder.clock,
                builder.refreshAfter,
                builder.maxAge,
                builder.minRefreshInterval,
                builder.timeout.plusMillis(250));
    }

    /** A source for the JWK Set at {@code uri}, to configure. */
    public static Builder builder(URI uri) {
        return new Builder(uri);
    }

    /** A source for the JWK Set at {@code uri} with the default settings. */
    public static JwksKeySource of(URI uri) {
        return builder(uri).build();
    }

    /**
     * The keys: from memory while young enough, else after a fetch.
     *
     * @throws KeysUnavailableException when no fetch succeeded within the maximum age
     */
    @Override
    public KeySet keys() {
        return cache.get();
    }

    /** The keys after a fetch, when the rate limit allows one now; see the class comment. */
    @Override
    public KeySet refreshFor(String keyId) {
        return cache.refresh();
    }

    /** How many fetches have started since this source was made. */
    public long fetchCount() {
        return cache.fetches();
    }

    /** The URL the keys come from. */
    public URI uri() {
        return uri;
    }

    /** Releases the HTTP client, unless it was handed in; a fetch in flight is abandoned, not awaited. */
    @Override
    public void close() {
        if (ownsClient) {
            client.shutdownNow();
        }
    }

    private KeySet parse(String document) {
        List<String> skipped = new ArrayList<>();
        KeySet keys = KeySet.fromJwks(JwkSetReader.read(document), skipped);
        if (!skipped.isEmpty() && LOG.isDebugEnabled()) {
            LOG.debug("keys left out of the JWK Set at {}: {}", redacted(uri), skipped);
        }
        return keys;
    }

    /** The URI without user info or query, which may hold credentials, for log lines and messages. */
    private static String redacted(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    /** Configures a {@link JwksKeySource}. */
    public static final class Builder {
        private final URI uri;
        private HttpClient client;
        private Duration timeout = Duration.ofSeconds(2);
        private Duration refreshAfter = Duration.ofMinutes(5);
        private Duration maxAge = Duration.ofHours(1);
        private Duration minRefreshInterval = Duration.ofSeconds(30);
        private InstantSource clock = Clock.systemUTC();

        private Builder(URI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("a JWKS URL is http(s), got " + uri.getScheme());
            }
        }

        /**
         * How long one fetch may take, connecting included (default 2 seconds): the longest a
         * request waits on the provider.
         */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /** Keys older than this are fetched again in the background (default 5 minutes). */
        public Builder refreshAfter(Duration refreshAfter) {
            this.refreshAfter = positive(refreshAfter, "refreshAfter");
            return this;
        }

        /**
         * Keys older than this are no longer trusted: without a successful fetch since, verification
         * answers 503 (default 1 hour). The longer, the longer an outage of the provider goes
         * unnoticed, and the longer a key it withdrew meanwhile stays trusted.
         */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = positive(maxAge, "maxAge");
            return this;
        }

        /** At most one fetch starts per this interval, whatever asks for it (default 30 seconds). */
        public Builder minRefreshInterval(Duration minRefreshInterval) {
            this.minRefreshInterval = Objects.requireNonNull(minRefreshInterval, "minRefreshInterval");
            if (minRefreshInterval.isNegative()) {
                throw new IllegalArgumentException("minRefreshInterval cannot be negative");
            }
            return this;
        }

        /**
         * The HTTP client to fetch with (its own connect timeout and proxy settings apply; the
         * source does not close it). Default: a client of the source's own.
         */
        public Builder httpClient(HttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Where the keys' age is read from (default the system clock). */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The source; nothing is fetched until the first verification.
         *
         * @throws IllegalStateException when {@code refreshAfter} is not below {@code maxAge}
         */
        public JwksKeySource build() {
            if (refreshAfter.compareTo(maxAge) >= 0) {
                throw new IllegalStateException("refreshAfter (" + refreshAfter + ") must be shorter than maxAge ("
                        + maxAge + "), so that keys are refreshed before they are too old to use");
            }
            if (minRefreshInterval.compareTo(maxAge) >= 0) {
                throw new IllegalStateException("minRefreshInterval must be shorter than maxAge");
            }
            return new JwksKeySource(this);
        }

        private static Duration positive(Duration value, String name) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + value);
            }
            return value;
        }
    }
}

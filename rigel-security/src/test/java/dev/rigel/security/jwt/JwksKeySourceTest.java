package dev.rigel.security.jwt;

import static dev.rigel.security.jwt.JwksServer.jwk;
import static dev.rigel.security.jwt.JwksServer.jwks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rigel.exceptions.DependencyUnavailable;
import dev.rigel.security.jwt.InvalidTokenException.Reason;
import dev.rigel.security.jwt.internal.RemoteCache;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class JwksKeySourceTest {

    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2030-01-01T00:00:00Z"));
    final InstantSource clock = now::get;

    JwksServer server;
    JwksKeySource source;
    ListAppender<ILoggingEvent> logs;
    Logger cacheLogger;

    final TokenEncoder rsaK1 = TokenEncoder.rsa(TestKeys.RSA.getPrivate())
            .keyId("k1")
            .lifetime(Duration.ofHours(1))
            .build();
    final TokenEncoder rsaK2 = TokenEncoder.rsa(TestKeys.RSA_OTHER.getPrivate())
            .keyId("k2")
            .lifetime(Duration.ofHours(1))
            .build();

    @BeforeEach
    void start() throws Exception {
        server = new JwksServer();
        server.body = jwks(jwk(TestKeys.RSA.getPublic(), "k1"));
        cacheLogger = (Logger) LoggerFactory.getLogger(RemoteCache.class);
        logs = new ListAppender<>();
        logs.start();
        cacheLogger.addAppender(logs);
        cacheLogger.setLevel(Level.INFO);
    }

    @AfterEach
    void stop() {
        if (source != null) {
            source.close();
        }
        server.close();
        cacheLogger.detachAppender(logs);
        cacheLogger.setLevel(null);
    }

    JwksKeySource.Builder sourceBuilder() {
        return JwksKeySource.builder(server.uri()).clock(clock);
    }

    TokenVerifier verifier(KeySource keys, JwtAlgorithm... algorithms) {
        return TokenVerifier.builder()
                .algorithms(algorithms)
                .keySource(keys)
                .anyIssuer()
                .anyAudience()
                .build();
    }

    static Token sample() {
        return Token.builder().subject("42").build();
    }

    static void refused(Reason reason, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        InvalidTokenException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    List<String> warnings() {
        return logged(Level.WARN);
    }

    /** The lines logged at {@code level} (read under the appender's lock: fetches log from other threads). */
    List<String> logged(Level level) {
        synchronized (logs) {
            return logs.list.stream()
                    .filter(e -> e.getLevel() == level)
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    // ---- fetching and caching

    @Test
    void keysAreFetchedOnFirstUseThenServedFromMemory() {
        source = sourceBuilder().build();
        assertThat(server.requests.get())
                .as("nothing is fetched before the first use")
                .isZero();
        TokenVerifier verifier = TokenVerifier.builder()
                .algorithms(JwtAlgorithm.RS256)
                .keySource(source)
                .anyIssuer()
                .anyAudience()
                .noCache()
                .build();
        for (int i = 0; i < 50; i++) {
            assertThat(verifier.verify(rsaK1.encode(sample())).subject()).contains("42");
        }
        assertThat(server.requests.get()).isEqualTo(1);
        assertThat(source.fetchCount()).isEqualTo(1);
        // until the keys are older than refreshAfter
        now.set(now.get().plus(Duration.ofMinutes(4)));
        verifier.verify(rsaK1.encode(sample()));
        assertThat(server.requests.get()).isEqualTo(1);
    }

    @Test
    void oldKeysAreRefreshedInTheBackgroundWhileTheyStillServe() throws Exception {
        source = sourceBuilder().build();
        TokenVerifier verifier = verifier(source, JwtAlgorithm.RS256);
        String token = rsaK1.encode(sample());
        verifier.verify(token);
        server.delayMillis = 500; // the next fetch is slow; the verification must not wait for it
        now.set(now.get().plus(Duration.ofMinutes(6)));
        long started = System.nanoTime();
        verifier.verify(rsaK1.encode(sample()));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(400));
        awaitRequests(2);
        // the new set (same keys here) is in use once the fetch lands; no third fetch meanwhile
        verifier.verify(token);
        assertThat(source.fetchCount()).isEqualTo(2);
    }

    @Test
    void anUnknownKidMakesItFetchAgain() {
        source = sourceBuilder().build();
        TokenVerifier verifier = verifier(source, JwtAlgorithm.RS256);
        verifier.verify(rsaK1.encode(sample()));
        // the provider rotates in k2; a token signed with it arrives after the rate-limit interval
        server.body = jwks(jwk(TestKeys.RSA.getPublic(), "k1"), jwk(TestKeys.RSA_OTHER.getPublic(), "k2"));
        now.set(now.get().plusSeconds(31));
        assertThat(verifier.verify(rsaK2.encode(sample())).subject()).contains("42");
        assertThat(server.requests.get()).isEqualTo(2);
        // a kid the provider does not have either: unknown key, after one more (allowed) fetch
        now.set(now.get().plusSeconds(31));
        TokenEncoder stranger = TokenEncoder.rsa(TestKeys.RSA_OTHER.getPrivate())
                .keyId("k3")
                .lifetime(Duration.ofHours(1))
                .build();
        refused(Reason.UNKNOWN_KEY, () -> verifier.verify(stranger.encode(sample())));
        assertThat(server.requests.get()).isEqualTo(3);
    }

    @Test
    void aFloodOfUnknownKidsCostsOneFetchPerInterval() throws Exception {
        source = sourceBuilder().build();
        TokenVerifier verifier = verifier(source, JwtAlgorithm.RS256);
        verifier.verify(rsaK1.encode(sample()));
        now.set(now.get().plusSeconds(31));
        List<String> forged = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            forged.add(TokenEncoder.hmac(JwtAlgorithm.HS256, TestKeys.SECRET_32)
                    .build()
                    .encode(sample())
                    .replaceFirst("^[^.]+", TestKeys.b64("{\"alg\":\"RS256\",\"kid\":\"random-" + i + "\"}")));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            List<Future<Reason>> results = new ArrayList<>();
            for (String token : forged) {
                results.add(pool.submit(() -> {
                    try {
                        verifier.verify(token);
                        return null;
                    } catch (InvalidTokenException e) {
                        return e.reason();
                    }
                }));
            }
            for (Future<Reason> result : results) {
                assertThat(result.get()).isEqualTo(Reason.UNKNOWN_KEY);
            }
        }
        assertThat(server.requests.get())
                .as("one initial fetch and one refresh")
                .isEqualTo(2);
        // the next interval allows one more
        now.set(now.get().plusSeconds(31));
        for (String token : forged.subList(0, 20)) {
            refused(Reason.UNKNOWN_KEY, () -> verifier.verify(token));
        }
        assertThat(server.requests.get()).isEqualTo(3);
    }

    // ---- outages

    @Test
    void whileTheProviderIsDownTheCachedKeysServeUntilMaxAge() {
        source = sourceBuilder().build();
        TokenVerifier verifier = verifier(source, JwtAlgorithm.RS256);
        verifier.verify(rsaK1.encode(sample()));
        server.stop();
        for (int minutes = 6; minutes < 60; minutes += 3) {
            now.set(Instant.parse("2030-01-01T00:00:00Z").plus(Duration.ofMinutes(minutes)));
            assertThat(verifier.verify(rsaK1.encode(sample())).subject())
                    .as("%d minutes", minutes)
                    .contains("42");
        }
        awaitWarnings(1);
        assertThat(warnings()).hasSize(1);
        assertThat(warnings().get(0)).contains(server.uri().getHost()).contains("could not be fetched");
        assertThat(source.fetchCount())
                .as("background fetches, at most one per 30 s")
                .isBetween(2L, 20L);
    }

    @Test
    void pastMaxAgeAnOutageIsA503AndFast() {
        source = sourceBuilder().build();
        TokenVerifier verifier = verifier(source, JwtAlgorithm.RS256);
        String token = rsaK1.encode(sample());
        verifier.verify(token);
        server.stop();
        now.set(now.get().plus(Duration.ofMinutes(61)));
        long started = System.nanoTime();
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(KeysUnavailableException.class)
                .isInstanceOf(DependencyUnavailable.class)
                .hasMessageContaining("could not be fetched")
                .message()
                .doesNotContain(token);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
        // within the rate-limit interval, later calls do not try again: they fail at once
        started = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(KeysUnavailableException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        assertThat(source.fetchCount()).isEqualTo(2);
    }

    @Test
    void aProviderThatNeverAnswersTimesOutWithinTwoAndAHalfSeconds() {
        server.delayMillis = 30_000;
        source = sourceBuilder().build(); // default timeout: 2 s
        TokenVerifier verifier = verifier(source, JwtAlgorithm.RS256);
        String token = rsaK1.encode(sample());
        long started = System.nanoTime();
        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(KeysUnavailableException.class);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(took).isLessThan(Duration.ofMillis(2500)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    }

    @Test
    void aSlowProviderDoesNotHoldVerificationsWhileKeysAreFreshEnough() {
        source = sourceBuilder().timeout(Duration.ofMillis(300)).build();
        TokenVerifier verifier = verifier(source, JwtAlgorithm.RS256);
        verifier.verify(rsaK1.encode(sample()));
        server.delayMillis = 5_000;
        now.set(now.get().plus(Duration.ofMinutes(10)));
        long started = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            verifier.verify(rsaK1.encode(sample()));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(300));
        awaitWarnings(1);
        assertThat(warnings().get(0)).containsIgnoringCase("timeout");
    }

    @Test
    void theProviderComingBackIsNoticedAndLoggedOnce() throws Exception {
        source = sourceBuilder().build();
        TokenVerifier verifier = verifier(source, JwtAlgorithm.RS256);
        verifier.verify(rsaK1.encode(sample()));
        server.stop();
        now.set(now.get().plus(Duration.ofMinutes(61)));
        assertThatThrownBy(() -> verifier.verify(rsaK1.encode(sample()))).isInstanceOf(KeysUnavailableException.class);
        server.restart();
        server.body = jwks(jwk(TestKeys.RSA_OTHER.getPublic(), "k2"));
        now.set(now.get().plusSeconds(31));
        assertThat(verifier.verify(rsaK2.encode(sample()))).isNotNull();
        // k1 is gone from the new set: its tokens are refused (after the rate-limited refresh)
        refused(Reason.UNKNOWN_KEY, () -> verifier.verify(rsaK1.encode(sample())));
        assertThat(warnings()).hasSize(1);
        assertThat(logged(Level.INFO)).singleElement().asString().contains("reachable again");
    }

    @Test
    void unknownKidDuringAnOutageIsA503NotA401() {
        source = sourceBuilder().build();
        TokenVerifier verifier = verifier(source, JwtAlgorithm.RS256);
        verifier.verify(rsaK1.encode(sample()));
        server.stop();
        now.set(now.get().plusSeconds(31));
        assertThatThrownBy(() -> verifier.verify(rsaK2.encode(sample()))).isInstanceOf(KeysUnavailableException.class);
        // rate-limited now, and the last fetch failed: still unknowable, still fast
        assertThatThrownBy(() -> verifier.verify(rsaK2.encode(sample()))).isInstanceOf(KeysUnavailableException.class);
        // known keys keep working meanwhile
        assertThat(verifier.verify(rsaK1.encode(sample()))).isNotNull();
    }

    // ---- bad documents

    @Test
    void malformedDocumentsAreProviderFailuresLoggedOnce() {
        source = sourceBuilder().minRefreshInterval(Duration.ZERO).build();
        TokenVerifier verifier = verifier(source, JwtAlgorithm.RS256);
        String token = rsaK1.encode(sample());
        for (String body : List.of(
                "not json",
                "<html>Bad Gateway</html>",
                "{}",
                "{\"keys\":{}}",
                "{\"keys\":[1,2]}",
                "[]",
                "{\"keys\":[]}",
                "{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}",
                "{\"keys\":[{\"kty\":\"RSA\",\"n\":\"AQAB\"}]}")) {
            server.body = body;
            assertThatThrownBy(() -> verifier.verify(token)).as(body).isInstanceOf(KeysUnavailableException.class);
        }
        server.body = jwks(jwk(TestKeys.RSA.getPublic(), "k1"));
        server.status = 500;
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(KeysUnavailableException.class)
                .hasMessageContaining("HTTP 500");
        assertThat(warnings()).as("one outage, one line").hasSize(1);
        server.status = 200;
        assertThat(verifier.verify(token)).isNotNull();
    }

    @Test
    void aMalformedRefreshKeepsTheKeysHeld() {
        source = sourceBuilder().build();
        TokenVerifier verifier = verifier(source, JwtAlgorithm.RS256);
        verifier.verify(rsaK1.encode(sample()));
        server.body = "{\"keys\":\"garbage\"}";
        for (int i = 1; i <= 5; i++) {
            now.set(now.get().plus(Duration.ofMinutes(6)));
            assertThat(verifier.verify(rsaK1.encode(sample()))).isNotNull();
        }
        awaitWarnings(1);
        assertThat(warnings()).hasSize(1);
    }

    @Test
    void anOversizedDocumentIsRefused() {
        source = sourceBuilder().build();
        server.body = "{\"keys\":[],\"pad\":\"" + "x".repeat(JwksKeySource.MAX_DOCUMENT_BYTES) + "\"}";
        assertThatThrownBy(source::keys)
                .isInstanceOf(KeysUnavailableException.class)
                .hasMessageContaining("larger than");
    }

    // ---- key types and JWK members

    @Test
    void rsaEcAndEd25519KeysFromAJwksVerify() {
        server.body = jwks(
                jwk(TestKeys.RSA.getPublic(), "rsa"),
                jwk(TestKeys.EC.getPublic(), "ec"),
                jwk(TestKeys.ED25519.getPublic(), "ed"));
        source = sourceBuilder().build();
        TokenVerifier verifier = verifier(source, JwtAlgorithm.RS256, JwtAlgorithm.ES256, JwtAlgorithm.EdDSA);
        assertThat(verifier.verify(TokenEncoder.rsa(TestKeys.RSA.getPrivate())
                        .keyId("rsa")
                        .lifetime(Duration.ofHours(1))
                        .build()
                        .encode(sample())))
                .isNotNull();
        assertThat(verifier.verify(TokenEncoder.ec(TestKeys.EC.getPrivate())
                        .keyId("ec")
                        .lifetime(Duration.ofHours(1))
                        .build()
                        .encode(sample())))
                .isNotNull();
        assertThat(verifier.verify(TokenEncoder.ed25519(TestKeys.ED25519.getPrivate())
                        .keyId("ed")
                        .lifetime(Duration.ofHours(1))
                        .build()
                        .encode(sample())))
                .isNotNull();
        // a kid of one type with a token of another algorithm: no key of that family has the kid
        now.set(now.get().plusSeconds(31));
        refused(
                Reason.UNKNOWN_KEY,
                () -> verifier.verify(TokenEncoder.ec(TestKeys.EC.getPrivate())
                        .keyId("rsa")
                        .lifetime(Duration.ofHours(1))
                        .build()
                        .encode(sample())));
    }

    /** Helper: waits (briefly) until the server has seen {@code count} requests. */
    private void awaitRequests(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (server.requests.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.requests.get()).isGreaterThanOrEqualTo(count);
        Thread.sleep(50); // the fetch's outcome is recorded just after the response
    }

    private void awaitWarnings(int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (warnings().size() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

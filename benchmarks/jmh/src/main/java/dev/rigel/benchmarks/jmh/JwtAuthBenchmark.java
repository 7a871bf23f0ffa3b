package dev.rigel.benchmarks.jmh;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.middleware.Middleware;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.security.SecretBytes;
import dev.rigel.security.jwt.JwtAlgorithm;
import dev.rigel.security.jwt.JwtAuthentication;
import dev.rigel.security.jwt.Token;
import dev.rigel.security.jwt.TokenEncoder;
import dev.rigel.security.jwt.TokenVerifier;
import dev.rigel.security.jwt.VerificationKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One in-process request to a small JSON route behind bearer authentication, the token checked
 * by: a static token compared in constant time (the baseline, as in {@link AppCallBenchmark}), an
 * HS256 JWT and an RS256 JWT through {@link JwtAuthentication} and its {@link TokenVerifier} with its verified-token cache (the
 * default), and the same two without the cache. Compare within one run only: the ratio of the
 * static route's time to a JWT route's time is the JWT route's relative throughput. In-process
 * calls leave out the socket and the server, so a ratio here is lower than over HTTP.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JwtAuthBenchmark {

    App staticToken;
    App hs256Cached;
    App rs256Cached;
    App hs256Uncached;
    App rs256Uncached;
    Headers staticHeaders;
    Headers hs256Headers;
    Headers rs256Headers;
    Exchanges.FixedReceive empty;
    Exchanges.RecordingSend send;

    @Setup
    public void setup() throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair rsa = generator.generateKeyPair();
        Token claims = Token.builder().subject("42").scopes("users:read").build();
        String hs256 = TokenEncoder.hmac(JwtAlgorithm.HS256, SecretBytes.of(secret))
                .issuer("bench")
                .audience("api")
                .lifetime(Duration.ofHours(12))
                .build()
                .encode(claims);
        String rs256 = TokenEncoder.rsa(rsa.getPrivate())
                .issuer("bench")
                .audience("api")
                .lifetime(Duration.ofHours(12))
                .build()
                .encode(claims);

        byte[] expected = "Bearer dev-token".getBytes(StandardCharsets.UTF_8);
        staticToken = app(next -> (scope, receive, send) -> {
            String header = scope.headers().get("authorization");
            if (header == null || !MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8))) {
                throw new NotAuthorizedException("Invalid bearer token", Map.of(), null);
            }
            next.call(scope, receive, send);
        });
        VerificationKey hmacKey = VerificationKey.hmac(JwtAlgorithm.HS256, SecretBytes.of(secret));
        VerificationKey rsaKey = VerificationKey.of(rsa.getPublic());
        hs256Cached = app(bearer(verifier(JwtAlgorithm.HS256, hmacKey, true)));
        rs256Cached = app(bearer(verifier(JwtAlgorithm.RS256, rsaKey, true)));
        hs256Uncached = app(bearer(verifier(JwtAlgorithm.HS256, hmacKey, false)));
        rs256Uncached = app(bearer(verifier(JwtAlgorithm.RS256, rsaKey, false)));

        staticHeaders =
                Headers.of("host", "localhost", "authorization", "Bearer dev-token", "accept", "application/json");
        hs256Headers =
                Headers.of("host", "localhost", "authorization", "Bearer " + hs256, "accept", "application/json");
        rs256Headers =
                Headers.of("host", "localhost", "authorization", "Bearer " + rs256, "accept", "application/json");
        empty = new Exchanges.FixedReceive(Message.EMPTY);
        send = new Exchanges.RecordingSend();
        Exchanges.expect(staticToken, Exchanges.scope("GET", "/api/me", "", staticHeaders), empty, 200);
        Exchanges.expect(hs256Cached, Exchanges.scope("GET", "/api/me", "", hs256Headers), empty, 200);
        Exchanges.expect(rs256Cached, Exchanges.scope("GET", "/api/me", "", rs256Headers), empty, 200);
        Exchanges.expect(hs256Uncached, Exchanges.scope("GET", "/api/me", "", hs256Headers), empty, 200);
        Exchanges.expect(rs256Uncached, Exchanges.scope("GET", "/api/me", "", rs256Headers), empty, 200);
        Exchanges.expect(hs256Cached, Exchanges.scope("GET", "/api/me", "", staticHeaders), empty, 401);
    }

    private static TokenVerifier verifier(JwtAlgorithm algorithm, VerificationKey key, boolean cached) {
        TokenVerifier.Builder builder = TokenVerifier.builder()
                .algorithms(algorithm)
                .keys(key)
                .issuer("bench")
                .audience("api");
        return (cached ? builder : builder.noCache()).build();
    }

    /** The framework's JWT authentication around {@code verifier}. */
    private static Middleware bearer(TokenVerifier verifier) {
        return JwtAuthentication.bearer(verifier).build();
    }

    private static App app(Middleware auth) throws Exception {
        Router api = Router.builder("/api")
                .routeHandlers(Route.get("/me", () -> Map.of("id", 42, "name", "Ada Lovelace")))
                .middleware(auth)
                .build();
        App app = App.builder().routeHandlers(api).build();
        app.startup();
        return app;
    }

    @Benchmark
    public byte[] staticToken() throws Exception {
        staticToken.call(Exchanges.scope("GET", "/api/me", "", staticHeaders), empty.reset(), send);
        return send.body;
    }

    @Benchmark
    public byte[] hs256Cached() throws Exception {
        hs256Cached.call(Exchanges.scope("GET", "/api/me", "", hs256Headers), empty.reset(), send);
        return send.body;
    }

    @Benchmark
    public byte[] rs256Cached() throws Exception {
        rs256Cached.call(Exchanges.scope("GET", "/api/me", "", rs256Headers), empty.reset(), send);
        return send.body;
    }

    @Benchmark
    public byte[] hs256Uncached() throws Exception {
        hs256Uncached.call(Exchanges.scope("GET", "/api/me", "", hs256Headers), empty.reset(), send);
        return send.body;
    }

    @Benchmark
    public byte[] rs256Uncached() throws Exception {
        rs256Uncached.call(Exchanges.scope("GET", "/api/me", "", rs256Headers), empty.reset(), send);
        return send.body;
    }
}

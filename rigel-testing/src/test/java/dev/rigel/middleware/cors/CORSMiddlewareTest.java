package dev.rigel.middleware.cors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.annotation.Get;
import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.http.Response;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.protocol.Headers;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestRequest;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** CORS through the whole stack, in-process and over a real socket. */
class CORSMiddlewareTest {

    public static class Handlers {
        @Get("/items")
        public String items() {
            return "items";
        }

        @Get("/varied")
        public Response<String> varied() {
            return Response.of("varied").header("Vary", "Accept-Encoding");
        }

        @Get("/secret")
        public String secret() {
            throw new NotAuthorizedException("Who are you?");
        }
    }

    private static final CORSConfig STRICT = CORSConfig.builder()
            .allowOrigins("https://myapp.com", "https://*.example.com")
            .allowMethods("GET", "POST", "PUT", "DELETE")
            .allowHeaders("X-Api-Key")
            .allowCredentials(true)
            .exposeHeaders("X-Total", "X-Page")
            .maxAge(1200)
            .build();

    private static App app(CORSConfig config) {
        return App.builder().cors(config).routeHandlers(Handlers.class).build();
    }

    private static TestResponse preflight(
            TestClient client, String path, String origin, String method, String requestedHeaders) {
        TestRequest request = client.request("OPTIONS", path)
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method);
        return requestedHeaders == null
                ? request.send()
                : request.header("Access-Control-Request-Headers", requestedHeaders)
                        .send();
    }

    private static TestResponse fromOrigin(TestClient client, String method, String path, String origin) {
        return client.request(method, path).header("Origin", origin).send();
    }

    private static void assertNoCorsHeaders(TestResponse response) {
        for (Map.Entry<String, String> header : response.headers()) {
            assertThat(header.getKey().toLowerCase()).doesNotStartWith("access-control-");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void allowedPreflightIs204WithEveryHeader(Transport transport) {
        try (TestClient client = Clients.open(app(STRICT), transport)) {
            TestResponse response = preflight(client, "/items", "https://myapp.com", "PUT", "X-Api-Key, Content-Type");
            assertThat(response.status()).isEqualTo(204);
            assertThat(response.body()).isEmpty();
            Headers headers = response.headers();
            assertThat(headers.get("access-control-allow-origin")).isEqualTo("https://myapp.com");
            assertThat(headers.get("vary")).isEqualTo("Origin");
            assertThat(headers.get("access-control-allow-methods")).isEqualTo("GET, POST, PUT, DELETE");
            assertThat(headers.get("access-control-allow-headers"))
                    .isEqualTo("x-api-key, accept, accept-language, content-language, content-type");
            assertThat(headers.get("access-control-max-age")).isEqualTo("1200");
            assertThat(headers.get("access-control-allow-credentials")).isEqualTo("true");
            assertThat(headers.contains("access-control-expose-headers")).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void preflightIsAnsweredForAnyPathAndWildcardOrigins(Transport transport) {
        try (TestClient client = Clients.open(app(STRICT), transport)) {
            TestResponse response = preflight(client, "/no/such/path", "https://api.example.com", "DELETE", null);
            assertThat(response.status()).isEqualTo(204);
            assertThat(response.header("access-control-allow-origin")).isEqualTo("https://api.example.com");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void refusedPreflightsNameWhatFailedAndCarryNoCorsHeaders(Transport transport) {
        try (TestClient client = Clients.open(app(STRICT), transport)) {
            Map<String, TestResponse> cases = Map.of(
                    "Disallowed CORS Origin",
                    preflight(client, "/items", "https://evil.com", "GET", null),
                    "Disallowed CORS Method",
                    preflight(client, "/items", "https://myapp.com", "PATCH", null),
                    "Disallowed CORS Headers",
                    preflight(client, "/items", "https://myapp.com", "GET", "x-api-key, x-other"),
                    "Disallowed CORS Origin, Headers",
                    preflight(client, "/items", "https://example.com", "GET", "x-other"),
                    "Disallowed CORS Origin, Method, Headers",
                    preflight(client, "/items", "https://evil.com", "PATCH", "x-other"));
            cases.forEach((body, response) -> {
                assertThat(response.status()).as(body).isEqualTo(400);
                assertThat(response.text()).isEqualTo(body);
                assertThat(response.header("content-type")).isEqualTo("text/plain; charset=utf-8");
                assertNoCorsHeaders(response);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void methodsAreCaseSensitiveAsInHttp(Transport transport) {
        try (TestClient client = Clients.open(app(STRICT), transport)) {
            assertThat(preflight(client, "/items", "https://myapp.com", "put", null)
                            .text())
                    .isEqualTo("Disallowed CORS Method");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void allowedSimpleRequestsGetOriginVaryCredentialsAndExposedHeaders(Transport transport) {
        try (TestClient client = Clients.open(app(STRICT), transport)) {
            TestResponse response = fromOrigin(client, "GET", "/items", "https://myapp.com");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("items");
            assertThat(response.header("access-control-allow-origin")).isEqualTo("https://myapp.com");
            assertThat(response.header("vary")).isEqualTo("Origin");
            assertThat(response.header("access-control-allow-credentials")).isEqualTo("true");
            assertThat(response.header("access-control-expose-headers")).isEqualTo("x-total, x-page");
            assertThat(response.headers().contains("access-control-allow-methods"))
                    .isFalse();
        }
    }

    /**
     * Origins compare case-insensitively, but the answer is the configured origin exactly (the
     * browser compares it with its own origin byte for byte): issue 21 found the request's spelling
     * echoed. A wildcard match is answered lower-cased, as browsers serialize origins.
     */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void theAnswerIsTheConfiguredOriginNotTheRequestsSpelling(Transport transport) {
        CORSConfig mixed = CORSConfig.builder()
                .allowOrigins("https://MyApp.com", "https://*.example.com")
                .build();
        try (TestClient client = Clients.open(app(mixed), transport)) {
            for (String origin : new String[] {"https://myapp.com", "HTTPS://MYAPP.COM", "https://MyApp.com"}) {
                assertThat(fromOrigin(client, "GET", "/items", origin).header("access-control-allow-origin"))
                        .as(origin)
                        .isEqualTo("https://MyApp.com");
                assertThat(preflight(client, "/items", origin, "GET", null).header("access-control-allow-origin"))
                        .as(origin)
                        .isEqualTo("https://MyApp.com");
            }
            assertThat(fromOrigin(client, "GET", "/items", "https://API.Example.com")
                            .header("access-control-allow-origin"))
                    .isEqualTo("https://api.example.com");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void originIsAppendedToAnExistingVary(Transport transport) {
        try (TestClient client = Clients.open(app(STRICT), transport)) {
            TestResponse response = fromOrigin(client, "GET", "/varied", "https://myapp.com");
            assertThat(response.headers().getAll("vary")).containsExactly("Accept-Encoding, Origin");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void disallowedSimpleRequestsAreAnsweredWithoutAllowOrigin(Transport transport) {
        try (TestClient client = Clients.open(app(STRICT), transport)) {
            TestResponse response = fromOrigin(client, "GET", "/items", "https://evil.com");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("items");
            assertNoCorsHeaders(response);
            // the answer depends on Origin, so caches must key on it even when it refuses
            assertThat(response.header("vary")).isEqualTo("Origin");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void errorsAndUnmatchedRoutesAreMarkedToo(Transport transport) {
        try (TestClient client = Clients.open(app(STRICT), transport)) {
            TestResponse missing = fromOrigin(client, "GET", "/missing", "https://myapp.com");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.header("access-control-allow-origin")).isEqualTo("https://myapp.com");
            TestResponse wrongMethod = fromOrigin(client, "DELETE", "/items", "https://myapp.com");
            assertThat(wrongMethod.status()).isEqualTo(405);
            assertThat(wrongMethod.header("access-control-allow-origin")).isEqualTo("https://myapp.com");
            TestResponse unauthorized = fromOrigin(client, "GET", "/secret", "https://myapp.com");
            assertThat(unauthorized.status()).isEqualTo(401);
            assertThat(unauthorized.header("access-control-allow-origin")).isEqualTo("https://myapp.com");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void optionsWithoutRequestMethodIsNoPreflight(Transport transport) {
        try (TestClient client = Clients.open(app(STRICT), transport)) {
            TestResponse response = fromOrigin(client, "OPTIONS", "/items", "https://myapp.com");
            assertThat(response.status()).isEqualTo(204);
            assertThat(response.header("allow")).contains("GET");
            assertThat(response.header("access-control-allow-origin")).isEqualTo("https://myapp.com");
            assertThat(response.headers().contains("access-control-allow-methods"))
                    .isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void requestsWithoutOriginAreLeftAlone(Transport transport) {
        try (TestClient client = Clients.open(app(STRICT), transport)) {
            TestResponse response = client.get("/items");
            assertThat(response.status()).isEqualTo(200);
            assertNoCorsHeaders(response);
            assertThat(response.headers().contains("vary")).isFalse();
            TestResponse options = client.request("OPTIONS", "/items")
                    .header("Access-Control-Request-Method", "GET")
                    .send();
            assertThat(options.header("allow")).contains("GET");
            assertNoCorsHeaders(options);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void allowAllAnswersWithStarAndEchoesRequestedHeaders(Transport transport) {
        try (TestClient client = Clients.open(app(CORSConfig.allowAll()), transport)) {
            TestResponse bare = preflight(client, "/items", "https://anyone.io", "PROPFIND", null);
            assertThat(bare.status()).isEqualTo(204);
            assertThat(bare.header("access-control-allow-origin")).isEqualTo("*");
            assertThat(bare.headers().contains("vary")).isFalse();
            assertThat(bare.header("access-control-allow-methods"))
                    .isEqualTo("DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
            assertThat(bare.headers().contains("access-control-allow-headers")).isFalse();
            assertThat(bare.header("access-control-max-age")).isEqualTo("600");
            assertThat(bare.headers().contains("access-control-allow-credentials"))
                    .isFalse();

            TestResponse withHeaders = preflight(client, "/items", "https://anyone.io", "GET", "X-One,, x-two ");
            assertThat(withHeaders.header("access-control-allow-headers")).isEqualTo("x-one, x-two");

            TestResponse garbage = preflight(client, "/items", "https://anyone.io", "GET", "x-one, bad header");
            assertThat(garbage.status()).isEqualTo(400);
            assertThat(garbage.text()).isEqualTo("Disallowed CORS Headers");

            TestResponse simple = fromOrigin(client, "GET", "/items", "https://anyone.io");
            assertThat(simple.header("access-control-allow-origin")).isEqualTo("*");
            assertThat(simple.headers().contains("vary")).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void allowAllWithCredentialsEchoesTheOrigin(Transport transport) {
        CORSConfig config = CORSConfig.builder().allowCredentials(true).build();
        try (TestClient client = Clients.open(app(config), transport)) {
            TestResponse preflight = preflight(client, "/items", "https://anyone.io", "GET", null);
            assertThat(preflight.header("access-control-allow-origin")).isEqualTo("https://anyone.io");
            assertThat(preflight.header("vary")).isEqualTo("Origin");
            assertThat(preflight.header("access-control-allow-credentials")).isEqualTo("true");
            TestResponse simple = fromOrigin(client, "GET", "/items", "https://anyone.io");
            assertThat(simple.header("access-control-allow-origin")).isEqualTo("https://anyone.io");
            assertThat(simple.header("vary")).isEqualTo("Origin");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void garbageOriginsAreRefused(Transport transport) {
        try (TestClient client =
                Clients.open(app(CORSConfig.builder().allowCredentials(true).build()), transport)) {
            for (String origin : new String[] {"https://a.com b", "https://a.com,https://b.com", "<script>"}) {
                TestResponse response = preflight(client, "/items", origin, "GET", null);
                assertThat(response.status()).as(origin).isEqualTo(400);
                assertNoCorsHeaders(response);
            }
        }
    }

    /**
     * 100 KB of Origin is refused by its length alone, before any regex sees it. The server gets a
     * header limit large enough to let it reach the app (the default limit answers 431 itself).
     */
    @Test
    void hugeOriginsAreRefusedQuickly() {
        String huge = "https://" + "a".repeat(100_000) + ".com";
        App app = app(CORSConfig.builder()
                .allowOrigins("https://myapp.com")
                .allowOriginRegex("https://(a+)+\\.org")
                .build());
        RigelServer server = new RigelServer(
                        app,
                        ServerConfig.builder()
                                .host("127.0.0.1")
                                .port(0)
                                .maxHeaderSize(256 * 1024)
                                .shutdownTimeout(Duration.ofSeconds(2))
                                .build())
                .start();
        try (TestClient inProcess = TestClient.of(app);
                TestClient overHttp = TestClient.overHttp(app, URI.create(server.url()), server::stop)) {
            for (TestClient client : new TestClient[] {inProcess, overHttp}) {
                long start = System.nanoTime();
                TestResponse refused = preflight(client, "/items", huge, "GET", null);
                assertThat(refused.status()).isEqualTo(400);
                assertThat(refused.text()).isEqualTo("Disallowed CORS Origin");
                TestResponse simple = fromOrigin(client, "GET", "/items", huge);
                assertThat(simple.status()).isEqualTo(200);
                assertNoCorsHeaders(simple);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            }
        }
    }
}

package dev.rigel.middleware.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.middleware.cors.CORSConfig;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Allowed hosts through the whole stack. The JDK client behind the real-server TestClient always
 * sends {@code Host: 127.0.0.1:port} itself, so other hosts go over a raw socket there.
 */
class AllowedHostsMiddlewareTest {

    private static final String INVALID = "{\"status_code\":400,\"detail\":\"Invalid host header\"}";

    private static App app(AllowedHostsConfig config) {
        return App.builder()
                .allowedHosts(config)
                .cors(CORSConfig.allowAll())
                .routeHandlers(Route.get("/items", () -> "items"), Route.get("/health", () -> "ok"))
                .build();
    }

    /** The hosts both clients send: the in-process client's default and the server's address. */
    private static App clientHostsApp() {
        return app(AllowedHostsConfig.of("testserver.local", "127.0.0.1", "www.example.com", "*.api.example.com"));
    }

    private static TestResponse withHost(TestClient client, String path, String host) {
        return client.request("GET", path).header("Host", host).send();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void allowedHostsAreServed(Transport transport) {
        try (TestClient client = Clients.open(clientHostsApp(), transport)) {
            TestResponse response = client.get("/items");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("items");
            assertThat(client.get("/missing").status()).isEqualTo(404);
        }
    }

    @Test
    void otherHostsGetTheStandardJsonError() {
        try (TestClient client = TestClient.of(clientHostsApp())) {
            for (String host : new String[] {
                "evil.com",
                "example.com.evil.com",
                "api.example.com",
                "",
                "testserver.local:x",
                "testserver.local/x",
                "a".repeat(100_000)
            }) {
                TestResponse response = withHost(client, "/items", host);
                assertThat(response.status()).as(host).isEqualTo(400);
                assertThat(response.text()).isEqualTo(INVALID);
                assertThat(response.header("content-type")).startsWith("application/json");
            }
        }
    }

    @Test
    void hostsCompareWithoutPortAndCaseAndWildcardsCoverSubdomains() {
        try (TestClient client = TestClient.of(clientHostsApp())) {
            assertThat(withHost(client, "/items", "TestServer.Local:8080").status())
                    .isEqualTo(200);
            assertThat(withHost(client, "/items", "v1.api.example.com").status())
                    .isEqualTo(200);
            assertThat(withHost(client, "/items", "api.example.com").status()).isEqualTo(400);
        }
    }

    @Test
    void unmatchedRoutesAndPreflightsAreRefusedFirst() {
        try (TestClient client = TestClient.of(clientHostsApp())) {
            assertThat(withHost(client, "/missing", "evil.com").text()).isEqualTo(INVALID);
            TestResponse preflight = client.request("OPTIONS", "/items")
                    .header("Host", "evil.com")
                    .header("Origin", "https://a.com")
                    .header("Access-Control-Request-Method", "GET")
                    .send();
            assertThat(preflight.status()).isEqualTo(400);
            assertThat(preflight.text()).isEqualTo(INVALID);
        }
    }

    @Test
    void theBareDomainIsRedirectedToItsAllowedWwwHost() {
        try (TestClient client = TestClient.of(clientHostsApp())) {
            TestResponse response = client.request("GET", "/items?page=2&q=a%20b")
                    .header("Host", "Example.com:8080")
                    .send();
            assertThat(response.status()).isEqualTo(301);
            assertThat(response.header("location")).isEqualTo("http://www.example.com:8080/items?page=2&q=a%20b");
            assertThat(response.body()).isEmpty();
            assertThat(withHost(client, "/items", "www.example.com").status()).isEqualTo(200);
            // only www. of an allowed host is a redirect target, never a wildcard's sub-domain
            assertThat(withHost(client, "/items", "x.api.example.com").status()).isEqualTo(200);
            assertThat(withHost(client, "/items", "api.example.com").status()).isEqualTo(400);
        }
    }

    @Test
    void wwwRedirectCanBeSwitchedOff() {
        App app = app(AllowedHostsConfig.builder()
                .allowedHosts("www.example.com")
                .wwwRedirect(false)
                .build());
        try (TestClient client = TestClient.of(app)) {
            assertThat(withHost(client, "/items", "example.com").text()).isEqualTo(INVALID);
        }
    }

    @Test
    void excludedPathsAndOptKeysAreNotChecked() {
        App app = App.builder()
                .allowedHosts(AllowedHostsConfig.builder()
                        .allowedHosts("example.com")
                        .exclude("^/health$")
                        .excludeOptKey("any_host")
                        .build())
                .routeHandlers(
                        Route.get("/items", () -> "items"),
                        Route.get("/health", () -> "ok"),
                        Route.get("/open", () -> "open").opt("any_host", true))
                .build();
        try (TestClient client = TestClient.of(app)) {
            assertThat(withHost(client, "/health", "10.0.0.7").text()).isEqualTo("ok");
            assertThat(withHost(client, "/open", "10.0.0.7").text()).isEqualTo("open");
            assertThat(withHost(client, "/items", "10.0.0.7").status()).isEqualTo(400);
        }
    }

    @Test
    void overARealServerTheHostHeaderDecides() throws IOException {
        App app = clientHostsApp();
        RigelServer server = new RigelServer(
                        app,
                        ServerConfig.builder()
                                .host("127.0.0.1")
                                .port(0)
                                .shutdownTimeout(Duration.ofSeconds(2))
                                .build())
                .start();
        try (TestClient client = TestClient.overHttp(app, URI.create(server.url()), server::stop)) {
            int port = URI.create(server.url()).getPort();
            String refused = raw(port, "evil.com");
            assertThat(refused).startsWith("HTTP/1.1 400").endsWith(INVALID);
            String redirected = raw(port, "example.com");
            assertThat(redirected)
                    .startsWith("HTTP/1.1 301")
                    .containsIgnoringCase("location: http://www.example.com/items?x=1\r\n");
            assertThat(raw(port, "testserver.local:" + port))
                    .startsWith("HTTP/1.1 200")
                    .endsWith("items");
            assertThat(client.get("/items").status()).isEqualTo(200);
        }
    }

    /** One HTTP/1.1 GET /items?x=1 with the given Host over a fresh socket; the whole response as text. */
    private static String raw(int port, String host) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /items?x=1 HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            in.transferTo(received);
            return received.toString(StandardCharsets.UTF_8);
        }
    }
}

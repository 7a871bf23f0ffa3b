package dev.rigel.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The seed's static page (from the jar's resources) and its Prometheus metrics. */
class SeedStaticAndMetricsTest {

    enum Transport {
        IN_PROCESS,
        REAL_SERVER
    }

    private static final String TOKEN = "test-token";

    private static TestClient open(Transport transport) {
        App app = SeedApp.create(SeedSettings.defaults().withApiToken(TOKEN).withRateLimit("minute,100000"));
        if (transport == Transport.IN_PROCESS) {
            return TestClient.of(app);
        }
        RigelServer server = new RigelServer(app, ServerConfig.builder().port(0).build()).start();
        return TestClient.overHttp(app, URI.create(server.url()), server::stop);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void servesTheStaticPage(Transport transport) {
        try (TestClient client = open(transport)) {
            TestResponse page = client.get("/static/");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("content-type")).isEqualTo("text/html; charset=utf-8");
            assertThat(page.text()).contains("<h1>Rigel seed app</h1>").contains("href=\"/metrics\"");
            assertThat(page.header("etag")).isNotBlank();
            assertThat(client.request("GET", "/static/")
                            .header("if-none-match", page.header("etag"))
                            .send()
                            .status())
                    .isEqualTo(304);
            assertThat(client.get("/static").header("location")).isEqualTo("/static/");
            assertThat(client.get("/static/style.css").header("content-type")).isEqualTo("text/css; charset=utf-8");
            assertThat(client.get("/static/../logback.xml").status()).isEqualTo(404);
            assertThat(client.get("/static/missing.css").status()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void requestsShowUpInTheMetricsScrape(Transport transport) {
        try (TestClient client = open(transport)) {
            client.get("/api/v1/users");
            client.request("GET", "/api/v1/users")
                    .header("Authorization", "Bearer " + TOKEN)
                    .send();
            client.request("GET", "/api/v1/users/1")
                    .header("Authorization", "Bearer " + TOKEN)
                    .send();
            client.request("GET", "/api/v1/users/2")
                    .header("Authorization", "Bearer " + TOKEN)
                    .send();
            // a request is counted once its last byte went out, which over the server may be just after
            // the client read it: scrape until the last one shows (or give up after two seconds)
            TestResponse scrape = client.get("/metrics");
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (count(scrape.text(), "uri=\"/api/v1/users/{user_id}\"", "status=\"200\"") < 2.0
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                scrape = client.get("/metrics");
            }
            assertThat(scrape.status()).isEqualTo(200);
            assertThat(scrape.header("content-type")).startsWith("text/plain; version=0.0.4");
            String text = scrape.text();
            assertThat(count(text, "uri=\"/api/v1/users\"", "status=\"200\"")).isEqualTo(1.0);
            assertThat(count(text, "uri=\"/api/v1/users\"", "status=\"401\"")).isEqualTo(1.0);
            assertThat(count(text, "uri=\"/api/v1/users/{user_id}\"", "status=\"200\""))
                    .isEqualTo(2.0);
            assertThat(text).contains("jvm_memory_used_bytes");
        }
    }

    private static double count(String scrape, String... labels) {
        return scrape.lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{"))
                .filter(line -> java.util.Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}

package dev.rigel.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.channels.ChannelEventListener;
import dev.rigel.channels.ChannelsPlugin;
import dev.rigel.channels.MemoryChannelsBackend;
import dev.rigel.health.HealthCheck.Result;
import dev.rigel.stores.Store;
import dev.rigel.stores.StoreRegistry;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The health endpoints, in-process and behind the real server. */
class HealthPluginTest {

    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseHangingChecks() {
        release.countDown();
    }

    private static App app(HealthPlugin health, Object... more) {
        return App.builder()
                .plugins(health)
                .routeHandlers(Route.get("/", () -> "home"))
                .routeHandlers(more)
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHealthyAppAnswers200WithStatusOkFirst(Transport transport) {
        App app = app(HealthPlugin.builder()
                .check(HealthCheck.of("db", Result::up), HealthCheck.of("cache", Result::up))
                .build());
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse summary = client.get("/health");
            assertThat(summary.status()).isEqualTo(200);
            assertThat(summary.text())
                    .startsWith("{\"status\":\"ok\",\"checks\":{\"db\":{\"status\":\"ok\",\"duration_ms\":");
            assertThat(summary.header("cache-control")).isEqualTo("no-store");
            assertThat(summary.header("content-type")).startsWith("application/json");
            JsonNode checks = summary.json().path("checks");
            assertThat(checks.fieldNames()).toIterable().containsExactly("db", "cache");
            assertThat(checks.path("cache").path("duration_ms").isIntegralNumber())
                    .isTrue();

            TestResponse ready = client.get("/health/ready");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().path("checks").size()).isEqualTo(2);

            // liveness has no checks by default: the process answers
            TestResponse live = client.get("/health/live");
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.text()).isEqualTo("{\"status\":\"ok\",\"checks\":{}}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aDownDependencyIs503OnReadinessAndTheSummaryButNotOnLiveness(Transport transport) {
        App app = app(HealthPlugin.builder()
                .check(HealthCheck.of("db", Result::up))
                .check(HealthCheck.of("search", () -> {
                    throw new SQLException("Connection to 10.0.0.7:5432 refused");
                }))
                .build());
        try (TestClient client = Clients.open(app, transport)) {
            for (String path : List.of("/health", "/health/ready")) {
                TestResponse response = client.get(path);
                assertThat(response.status()).as(path).isEqualTo(503);
                JsonNode body = response.json();
                assertThat(body.path("status").asText()).isEqualTo("down");
                assertThat(body.at("/checks/db/status").asText()).isEqualTo("ok");
                assertThat(body.at("/checks/search/status").asText()).isEqualTo("down");
                // public by default: no host names from exception messages
                assertThat(body.at("/checks/search/error").asText()).isEqualTo("failed");
            }
            assertThat(client.get("/health/live").status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHangingCheckAnswers503AfterItsTimeoutNotLater(Transport transport) {
        App app = app(HealthPlugin.builder()
                .timeout(Duration.ofMillis(1_000))
                .check(HealthCheck.of("db", () -> {
                    release.await();
                    return Result.up();
                }))
                .build());
        try (TestClient client = Clients.open(app, transport)) {
            long start = System.nanoTime();
            TestResponse ready = client.get("/health/ready");
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isBetween(Duration.ofMillis(900), Duration.ofMillis(2_500));
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.json().at("/checks/db/error").asText()).isEqualTo("timed out after 1000 ms");
            // the next probe joins the run under way, whose time is up: answered at once, not after another second
            start = System.nanoTime();
            assertThat(client.get("/health").status()).isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(600));
        }
    }

    @Test
    void detailsAndExceptionMessagesAreShownOnlyWhenAskedFor() {
        App app = app(HealthPlugin.builder()
                .showDetails(true)
                .check(HealthCheck.of("db", () -> Result.up(java.util.Map.of("pool", "main"))))
                .check(HealthCheck.of("search", () -> {
                    throw new SQLException("refused");
                }))
                .build());
        try (TestClient client = TestClient.of(app)) {
            JsonNode body = client.get("/health").json();
            assertThat(body.at("/checks/db/details/pool").asText()).isEqualTo("main");
            assertThat(body.at("/checks/search/error").asText()).isEqualTo("java.sql.SQLException: refused");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void readinessIs503AsSoonAsTheAppDrainsWhileLivenessStaysUp(Transport transport) {
        App app = app(HealthPlugin.create());
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/health/ready").status()).isEqualTo(200);
            app.startDraining();
            TestResponse ready = client.get("/health/ready");
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.text()).isEqualTo("{\"status\":\"down\",\"draining\":true,\"checks\":{}}");
            assertThat(client.get("/health").status()).isEqualTo(503);
            assertThat(client.get("/health/live").status()).isEqualTo(200);
            // requests are still served while draining
            assertThat(client.get("/").text()).isEqualTo("home");
        }
    }

    @Test
    void aRestartedAppIsReadyAgain() {
        App app = app(HealthPlugin.create());
        try (TestClient client = TestClient.of(app)) {
            app.startDraining();
            assertThat(client.get("/health/ready").status()).isEqualTo(503);
        }
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/health/ready").status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theChannelsPluginContributesItsBackendsState(Transport transport) {
        AtomicBoolean available = new AtomicBoolean(true);
        MemoryChannelsBackend memory = new MemoryChannelsBackend();
        ChannelsPlugin channels = ChannelsPlugin.builder(new dev.rigel.channels.ChannelsBackend() {
                    @Override
                    public void start(ChannelEventListener listener) {
                        memory.start(listener);
                    }

                    @Override
                    public void stop() {
                        memory.stop();
                    }

                    @Override
                    public void publish(byte[] data, java.util.Collection<String> channels) {
                        memory.publish(data, channels);
                    }

                    @Override
                    public void subscribe(java.util.Collection<String> channels) {
                        memory.subscribe(channels);
                    }

                    @Override
                    public void unsubscribe(java.util.Collection<String> channels) {
                        memory.unsubscribe(channels);
                    }

                    @Override
                    public boolean isAvailable() {
                        return available.get();
                    }
                })
                .arbitraryChannelsAllowed(true)
                .build();
        App app = App.builder().plugins(HealthPlugin.create(), channels).build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse up = client.get("/health/ready");
            assertThat(up.status()).isEqualTo(200);
            assertThat(up.json().at("/checks/channels/status").asText()).isEqualTo("ok");
            available.set(false);
            TestResponse down = client.get("/health/ready");
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json().at("/checks/channels/error").asText()).isEqualTo("backend unavailable");
        }
    }

    @Test
    void registeredStoresThatAreContributorsAreCheckedOnceUnderUniqueNames() {
        HealthCheck storeCheck = HealthCheck.of("db", () -> Result.down("read-only"));
        Store store = (Store) Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Store.class, HealthContributor.class},
                (proxy, method, args) -> method.getName().equals("healthChecks") ? List.of(storeCheck) : null);
        // the same store under two names is checked once; its name clashes with the app's own check
        StoreRegistry stores = new StoreRegistry().register("sessions", store).register("cache", store);
        App app = App.builder()
                .plugins(HealthPlugin.builder()
                        .check(HealthCheck.of("db", Result::up))
                        .build())
                .stores(stores)
                .build();
        try (TestClient client = TestClient.of(app)) {
            JsonNode checks = client.get("/health/ready").json().path("checks");
            assertThat(checks.fieldNames()).toIterable().containsExactly("db", "db-2");
            assertThat(checks.at("/db-2/error").asText()).isEqualTo("read-only");
        }
    }

    @Test
    void pathsCanBeChanged() {
        App app = app(HealthPlugin.builder()
                .path("/status")
                .livenessPath("/livez")
                .readinessPath("/readyz")
                .build());
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/status").status()).isEqualTo(200);
            assertThat(client.get("/livez").status()).isEqualTo(200);
            assertThat(client.get("/readyz").status()).isEqualTo(200);
            assertThat(client.get("/health").status()).isEqualTo(404);
        }
    }
}

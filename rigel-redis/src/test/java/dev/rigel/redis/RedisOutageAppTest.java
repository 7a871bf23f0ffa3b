package dev.rigel.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.channels.ChannelsPlugin;
import dev.rigel.middleware.ratelimit.RateLimitConfig;
import dev.rigel.middleware.session.ServerSideSessionConfig;
import dev.rigel.middleware.session.Session;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.stores.StoreRegistry;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.WebSocketRejectedException;
import dev.rigel.testing.WebSocketTestSession;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An app whose stores and channels are in Redis, through the in-process client and a real server,
 * while its (private) redis-server is killed and restarted: the response cache falls through to
 * the handler, rate limiting and channels answer 503 with {@code Retry-After} at once, a channel's
 * WebSocket handshake is refused with that 503, nothing logs an ERROR or a line per request, and
 * everything works again once Redis is back, without restarting the app.
 */
class RedisOutageAppTest {

    enum Transport {
        IN_PROCESS,
        REAL_SERVER
    }

    /** A request during the outage must not wait for anything. */
    static final Duration FAST = Duration.ofMillis(1000);

    final AtomicInteger runs = new AtomicInteger();

    App app(PrivateRedis redis) {
        RedisStore store = RedisStore.connect(redis.url(), "outage-app");
        return App.builder()
                .stores(StoreRegistry.withDefaultFactory(store::withNamespace))
                .lifespan(app -> store)
                // only /limited counts, so the other routes show what the cache and channels do
                .rateLimit(RateLimitConfig.of(RateLimitConfig.Unit.MINUTE, 1000)
                        .checkThrottle(scope -> scope.path().startsWith("/limited")))
                .plugins(ChannelsPlugin.builder(
                                RedisChannelsPubSubBackend.builder(redis.url()).build())
                        .arbitraryChannelsAllowed(true)
                        .createWsRouteHandlers(true)
                        .wsHandlerBasePath("/ws")
                        .build())
                .routeHandlers(
                        Route.get("/cached", () -> "run " + runs.incrementAndGet())
                                .cache(60),
                        Route.get("/limited", () -> "counted"),
                        Route.post("/publish/{channel:str}", (String channel, String data, ChannelsPlugin channels) -> {
                            channels.publish(data, channel);
                            return "published";
                        }))
                .build();
    }

    static TestClient open(App app, Transport transport) {
        if (transport == Transport.IN_PROCESS) {
            return TestClient.of(app);
        }
        RigelServer server = new RigelServer(
                        app,
                        ServerConfig.builder()
                                .host("127.0.0.1")
                                .port(0)
                                .shutdownTimeout(Duration.ofSeconds(2))
                                .build())
                .start();
        return TestClient.overHttp(app, URI.create(server.url()), server::stop);
    }

    static TestResponse fast(Supplier<TestResponse> request) {
        long start = System.nanoTime();
        TestResponse response = request.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("answered without waiting for Redis")
                .isLessThan(FAST);
        return response;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRedisOutageDegradesTheAppAndItRecovers(Transport transport) throws Exception {
        try (PrivateRedis redis = PrivateRedis.start();
                CapturedLogs logs = new CapturedLogs();
                TestClient client = open(app(redis), transport)) {
            assertThat(client.get("/cached").text()).isEqualTo("run 1");
            assertThat(client.get("/cached").text()).as("a hit").isEqualTo("run 1");
            assertThat(client.get("/limited").header("RateLimit-Remaining")).isEqualTo("999");
            try (WebSocketTestSession socket = client.websocketConnect("/ws/news")) {
                assertThat(client.request("POST", "/publish/news")
                                .text("before")
                                .send()
                                .status())
                        .isEqualTo(201);
                assertThat(socket.receiveText()).isEqualTo("before");

                redis.kill();
                for (int i = 0; i < 10; i++) {
                    TestResponse cached = fast(() -> client.get("/cached"));
                    assertThat(cached.status())
                            .as("the cache is optional: the handler answers")
                            .isEqualTo(200);
                    assertThat(cached.text()).isEqualTo("run " + (i + 2));

                    TestResponse limited = fast(() -> client.get("/limited"));
                    assertThat(limited.status())
                            .as("rate limiting fails closed")
                            .isEqualTo(503);
                    assertThat(limited.header("Retry-After")).isEqualTo("5");

                    TestResponse published = fast(() -> client.request("POST", "/publish/news")
                            .text("during")
                            .send());
                    assertThat(published.status()).isEqualTo(503);
                    assertThat(published.header("Retry-After")).isEqualTo("5");
                    assertThat(published.jsonMap())
                            .containsEntry("status_code", 503)
                            .containsEntry("detail", "Service Unavailable");

                    long start = System.nanoTime();
                    assertThatThrownBy(() -> client.websocketConnect("/ws/news").close())
                            .as("a new subscriber, even to a channel held at the backend, is refused")
                            .isInstanceOfSatisfying(WebSocketRejectedException.class, refused -> {
                                assertThat(refused.status()).isEqualTo(503);
                                if (transport == Transport.IN_PROCESS) {
                                    assertThat(refused.headers().get("retry-after"))
                                            .isEqualTo("5");
                                }
                            });
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
                }
                assertThat(logs.at(Level.ERROR))
                        .as("an outage is no error of the app")
                        .isEmpty();
                // the lines come from the clients' event threads, which may be behind the refusals
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (logs.at(Level.WARN, "dev.rigel").size() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(logs.at(Level.WARN, "dev.rigel"))
                        .as("one line per service and outage, not one per request")
                        .hasSize(2)
                        .anySatisfy(line -> assertThat(line).contains("Redis store at"))
                        .anySatisfy(line -> assertThat(line).contains("Redis channels backend at"));

                redis.restart();
                awaitStatus(client, "/limited", 200);
                assertThat(client.get("/cached").text()).isEqualTo("run 12");
                assertThat(client.get("/cached").text())
                        .as("the cache works again")
                        .isEqualTo("run 12");
                awaitDelivered(client, socket);
            }
            try (WebSocketTestSession again = client.websocketConnect("/ws/news")) {
                client.request("POST", "/publish/news").text("welcome back").send();
                assertThat(again.receiveText(Duration.ofSeconds(5))).isEqualTo("welcome back");
            }
            assertThat(logs.at(Level.ERROR)).isEmpty();
            assertThat(logs.at(Level.WARN, "dev.rigel")).hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sessionsInADownStoreAre503UntilItIsBack(Transport transport) throws Exception {
        try (PrivateRedis redis = PrivateRedis.start();
                CapturedLogs logs = new CapturedLogs()) {
            RedisStore store = RedisStore.connect(redis.url(), "outage-sessions");
            App app = App.builder()
                    .stores(StoreRegistry.withDefaultFactory(store::withNamespace))
                    .lifespan(started -> store)
                    .sessions(ServerSideSessionConfig.defaults())
                    .routeHandlers(
                            Route.post("/session", (Session session, String data) -> {
                                session.put("v", data);
                                return "saved";
                            }),
                            Route.get(
                                    "/session",
                                    (Session session) ->
                                            String.valueOf(session.get("v").orElse("none"))))
                    .build();
            try (TestClient client = open(app, transport)) {
                assertThat(client.request("POST", "/session").text("ada").send().status())
                        .isEqualTo(201);
                assertThat(client.get("/session").text()).isEqualTo("ada");

                redis.kill();
                for (int i = 0; i < 5; i++) {
                    TestResponse read = fast(() -> client.get("/session"));
                    assertThat(read.status())
                            .as("who the client is cannot be known without its session")
                            .isEqualTo(503);
                    assertThat(read.header("Retry-After")).isEqualTo("5");
                }
                assertThat(logs.at(Level.ERROR)).isEmpty();
                // the line comes from the client's event thread, which may be behind the refusals
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (logs.at(Level.WARN, "dev.rigel").isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(logs.at(Level.WARN, "dev.rigel")).hasSize(1);

                redis.restart();
                awaitStatus(client, "/session", 200);
                assertThat(client.get("/session").text())
                        .as("the server was restarted empty: the session is gone, not broken")
                        .isEqualTo("none");
            }
        }
    }

    static void awaitStatus(TestClient client, String path, int status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (client.get(path).status() != status) {
            assertThat(System.nanoTime())
                    .as(path + " answers " + status + " again")
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Publishes until the open socket hears it: its subscription comes back by itself. */
    static void awaitDelivered(TestClient client, WebSocketTestSession socket) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            if (client.request("POST", "/publish/news").text("after").send().status() == 201) {
                try {
                    assertThat(socket.receiveText(Duration.ofMillis(300))).isEqualTo("after");
                    return;
                } catch (AssertionError notYetResubscribed) {
                    // published before the subscription was restored: lost, as Pub/Sub loses it
                }
            }
            assertThat(System.nanoTime())
                    .as("the open socket's subscription comes back")
                    .isLessThan(deadline);
        }
    }
}

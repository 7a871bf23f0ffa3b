package dev.rigel.cache;

import static dev.rigel.testing.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.http.Response;
import dev.rigel.stores.Store;
import dev.rigel.stores.StoreRegistry;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.CountingStore;
import dev.rigel.testing.support.Transport;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Concurrent misses of one cache key are single-flight: one request runs the handler, the others
 * wait for its entry, and are released (to run the handler themselves) whenever it stores nothing.
 * The leader's handler is held on a latch; the store counts lookups, so a test knows every
 * follower has missed (and is waiting, or about to) before it lets the leader go. Whichever of
 * those two a follower is in then, it must not run the handler again.
 */
class ResponseCacheSingleFlightTest {

    private static final int FOLLOWERS = 4;
    private static final long BOUND_SECONDS = 20;
    /** Followers not released would outwait the test's bounds (not forever: closing the client waits for them). */
    private static final ResponseCacheConfig WAIT_A_MINUTE = ResponseCacheConfig.builder()
            .singleFlightTimeout(Duration.ofMinutes(1))
            .build();

    /** What the first run of the slow handler does once the test lets it go. */
    enum LeaderOutcome {
        ANSWERS,
        THROWS,
        ANSWERS_503
    }

    /** A handler whose first run waits for {@link #release}; counts its runs. */
    static final class Slow {
        final AtomicInteger runs = new AtomicInteger();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final LeaderOutcome outcome;

        Slow(LeaderOutcome outcome) {
            this.outcome = outcome;
        }

        Response<String> run() throws InterruptedException {
            int run = runs.incrementAndGet();
            if (run == 1) {
                entered.countDown();
                assertThat(release.await(BOUND_SECONDS, TimeUnit.SECONDS))
                        .as("released by the test")
                        .isTrue();
                if (outcome == LeaderOutcome.THROWS) {
                    throw new IllegalStateException("the leader failed");
                }
                if (outcome == LeaderOutcome.ANSWERS_503) {
                    return Response.of("busy").status(503);
                }
            }
            return Response.of("run " + run);
        }
    }

    static App app(Slow slow, Store store, ResponseCacheConfig config) {
        return App.builder()
                .routeHandlers(Route.get("/slow", slow::run).cache(60))
                .stores(new StoreRegistry().register(ResponseCacheConfig.DEFAULT_STORE, store))
                .responseCache(config)
                .build();
    }

    static TestResponse await(CompletableFuture<TestResponse> response) throws Exception {
        return response.get(BOUND_SECONDS, TimeUnit.SECONDS);
    }

    /** Starts the leader and waits until its handler runs. */
    static CompletableFuture<TestResponse> startLeader(TestClient client, Slow slow) throws InterruptedException {
        CompletableFuture<TestResponse> leader = client.request("GET", "/slow").sendAsync();
        assertThat(slow.entered.await(BOUND_SECONDS, TimeUnit.SECONDS))
                .as("the leader's handler ran")
                .isTrue();
        return leader;
    }

    /** Sends the followers and waits until each has missed the store (the leader looked twice). */
    static List<CompletableFuture<TestResponse>> startFollowers(TestClient client, CountingStore store) {
        List<CompletableFuture<TestResponse>> followers = new ArrayList<>();
        for (int i = 0; i < FOLLOWERS; i++) {
            followers.add(client.request("GET", "/slow").sendAsync());
        }
        eventually(() -> assertThat(store.gets()).hasValueGreaterThanOrEqualTo(2 + FOLLOWERS));
        return followers;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void concurrentMissesOfOneKeyRunTheHandlerOnceAndShareItsEntry(Transport transport) throws Exception {
        Slow slow = new Slow(LeaderOutcome.ANSWERS);
        CountingStore store = new CountingStore();
        try (TestClient client = Clients.open(app(slow, store, ResponseCacheConfig.defaults()), transport)) {
            CompletableFuture<TestResponse> leader = startLeader(client, slow);
            List<CompletableFuture<TestResponse>> followers = startFollowers(client, store);

            slow.release.countDown();
            assertThat(await(leader).text()).isEqualTo("run 1");
            for (CompletableFuture<TestResponse> follower : followers) {
                TestResponse response = await(follower);
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.text()).isEqualTo("run 1");
            }
            assertThat(slow.runs).hasValue(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void followersShareTheLeadersEntryEvenWhenTheStoreRefusedIt(Transport transport) throws Exception {
        Slow slow = new Slow(LeaderOutcome.ANSWERS);
        CountingStore store = new CountingStore().refuseWrites();
        try (TestClient client = Clients.open(app(slow, store, WAIT_A_MINUTE), transport)) {
            CompletableFuture<TestResponse> leader = startLeader(client, slow);
            List<CompletableFuture<TestResponse>> followers = startFollowers(client, store);

            slow.release.countDown();
            assertThat(await(leader).text()).isEqualTo("run 1");
            for (CompletableFuture<TestResponse> follower : followers) {
                assertThat(await(follower).text()).isEqualTo("run 1");
            }
            assertThat(slow.runs).hasValue(1);
            assertThat(store.writes()).hasValue(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aLeaderThatThrowsReleasesItsFollowersAndEachRunsTheHandler(Transport transport) throws Exception {
        Slow slow = new Slow(LeaderOutcome.THROWS);
        CountingStore store = new CountingStore();
        try (TestClient client = Clients.open(app(slow, store, WAIT_A_MINUTE), transport)) {
            CompletableFuture<TestResponse> leader = startLeader(client, slow);
            List<CompletableFuture<TestResponse>> followers = startFollowers(client, store);

            slow.release.countDown();
            assertThat(await(leader).status()).isEqualTo(500);
            List<String> answers = new ArrayList<>();
            for (CompletableFuture<TestResponse> follower : followers) {
                TestResponse response = await(follower);
                assertThat(response.status()).isEqualTo(200);
                answers.add(response.text());
            }
            // the error was not handed on: the followers ran the handler again (each waiting one
            // for itself; one that joined only after the leader left may find a follower's entry)
            assertThat(answers).allMatch(text -> text.startsWith("run ") && !text.equals("run 1"));
            assertThat(slow.runs.get()).isBetween(2, 1 + FOLLOWERS);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aLeadersUncacheableAnswerIsNotServedToItsFollowers(Transport transport) throws Exception {
        Slow slow = new Slow(LeaderOutcome.ANSWERS_503);
        CountingStore store = new CountingStore();
        try (TestClient client = Clients.open(app(slow, store, WAIT_A_MINUTE), transport)) {
            CompletableFuture<TestResponse> leader = startLeader(client, slow);
            List<CompletableFuture<TestResponse>> followers = startFollowers(client, store);

            slow.release.countDown();
            assertThat(await(leader).status()).isEqualTo(503);
            for (CompletableFuture<TestResponse> follower : followers) {
                TestResponse response = await(follower);
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.text()).startsWith("run ").isNotEqualTo("run 1");
            }
            assertThat(slow.runs.get()).isBetween(2, 1 + FOLLOWERS);
            assertThat(client.get("/slow").status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void followersRunTheHandlerThemselvesOnceTheLeaderOutlastsTheTimeout(Transport transport) throws Exception {
        Slow slow = new Slow(LeaderOutcome.ANSWERS);
        CountingStore store = new CountingStore();
        ResponseCacheConfig config = ResponseCacheConfig.builder()
                .singleFlightTimeout(Duration.ofMillis(200))
                .build();
        try (TestClient client = Clients.open(app(slow, store, config), transport)) {
            CompletableFuture<TestResponse> leader = startLeader(client, slow);
            List<CompletableFuture<TestResponse>> followers = new ArrayList<>();
            for (int i = 0; i < FOLLOWERS; i++) {
                followers.add(client.request("GET", "/slow").sendAsync());
            }
            // the leader is still held: the followers can only answer by giving up on it (a late
            // one may find the entry an earlier one stored)
            for (CompletableFuture<TestResponse> follower : followers) {
                assertThat(await(follower).text()).startsWith("run ").isNotEqualTo("run 1");
            }
            assertThat(slow.runs.get()).isBetween(2, 1 + FOLLOWERS);
            slow.release.countDown();
            assertThat(await(leader).text()).isEqualTo("run 1");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aNonBlockingRouteNeverWaitsForAnotherRequestsEntry(Transport transport) throws Exception {
        Slow slow = new Slow(LeaderOutcome.ANSWERS);
        AtomicInteger fastRuns = new AtomicInteger();
        // both routes cache under one key, so the event-loop route misses while /slow computes it
        App app = App.builder()
                .routeHandlers(
                        Route.get("/slow", slow::run).cache(60).cacheKeyBuilder(request -> "shared"),
                        Route.get("/fast", () -> "fast " + fastRuns.incrementAndGet())
                                .cache(60)
                                .nonBlocking()
                                .cacheKeyBuilder(request -> "shared"))
                // waiting would outlast the test: /fast can only answer by not waiting
                .responseCache(WAIT_A_MINUTE)
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            CompletableFuture<TestResponse> leader = startLeader(client, slow);

            assertThat(await(client.request("GET", "/fast").sendAsync()).text()).isEqualTo("fast 1");

            slow.release.countDown();
            assertThat(await(leader).text()).isEqualTo("run 1");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void waitingCanBeTurnedOff(Transport transport) throws Exception {
        Slow slow = new Slow(LeaderOutcome.ANSWERS);
        CountingStore store = new CountingStore();
        ResponseCacheConfig config =
                ResponseCacheConfig.builder().singleFlightTimeout(Duration.ZERO).build();
        try (TestClient client = Clients.open(app(slow, store, config), transport)) {
            CompletableFuture<TestResponse> leader = startLeader(client, slow);
            assertThat(await(client.request("GET", "/slow").sendAsync()).text()).isEqualTo("run 2");
            slow.release.countDown();
            assertThat(await(leader).text()).isEqualTo("run 1");
        }
    }

    @org.junit.jupiter.api.Test
    void aLeaderWhoseClientLeftStillReleasesItsFollowersWithItsEntry() throws Exception {
        Slow slow = new Slow(LeaderOutcome.ANSWERS);
        CountingStore store = new CountingStore();
        App app = app(slow, store, WAIT_A_MINUTE);
        dev.rigel.netty.RigelServer server = new dev.rigel.netty.RigelServer(
                        app,
                        dev.rigel.netty.ServerConfig.builder()
                                .host("127.0.0.1")
                                .port(0)
                                .shutdownTimeout(Duration.ofSeconds(2))
                                .build())
                .start();
        URI base = URI.create(server.url());
        try (TestClient client = TestClient.overHttp(app, base, server::stop)) {
            List<CompletableFuture<TestResponse>> followers;
            try (Socket leader = new Socket(base.getHost(), base.getPort())) {
                OutputStream out = leader.getOutputStream();
                out.write(("GET /slow HTTP/1.1\r\nHost: " + base.getHost() + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                assertThat(slow.entered.await(BOUND_SECONDS, TimeUnit.SECONDS)).isTrue();
                followers = startFollowers(client, store);
            }
            // the leader's client is gone; its handler still finishes, stores, and lets the others go
            slow.release.countDown();
            for (CompletableFuture<TestResponse> follower : followers) {
                assertThat(await(follower).text()).isEqualTo("run 1");
            }
            assertThat(slow.runs).hasValue(1);
            assertThat(client.get("/slow").text()).isEqualTo("run 1");
        }
    }
}

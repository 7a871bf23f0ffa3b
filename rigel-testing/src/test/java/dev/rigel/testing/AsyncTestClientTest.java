package dev.rigel.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.di.Provide;
import dev.rigel.di.Scoped;
import dev.rigel.http.Request;
import dev.rigel.http.Response;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The AsyncTestClient runs requests concurrently; per-request dependencies must stay per request. */
class AsyncTestClientTest {

    /** A per-request value that remembers which request asked for it. */
    static final class Ticket {
        private static final AtomicInteger SERIALS = new AtomicInteger();
        final String owner;
        final int serial = SERIALS.incrementAndGet();

        Ticket(String owner) {
            this.owner = owner;
        }
    }

    record Audit(Ticket ticket) {}

    static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    static final AtomicInteger PEAK = new AtomicInteger();
    static final Set<Ticket> OPEN_TICKETS = ConcurrentHashMap.newKeySet();

    static Scoped<Ticket> ticket(Request request) {
        Ticket ticket = new Ticket(request.headers().get("x-request"));
        OPEN_TICKETS.add(ticket);
        return Scoped.of(ticket, outcome -> OPEN_TICKETS.remove(ticket));
    }

    static Audit audit(Ticket ticket) {
        return new Audit(ticket);
    }

    static Map<String, Object> handle(Ticket ticket, Audit audit, Request request) throws InterruptedException {
        int now = IN_FLIGHT.incrementAndGet();
        PEAK.accumulateAndGet(now, Math::max);
        try {
            Thread.sleep(20);
            return Map.of(
                    "sent",
                    request.headers().get("x-request"),
                    "ticket",
                    ticket.owner,
                    "audit_shares_ticket",
                    audit.ticket() == ticket,
                    "ticket_serial",
                    ticket.serial);
        } finally {
            IN_FLIGHT.decrementAndGet();
        }
    }

    @Test
    void concurrentRequestsDoNotShareRequestScopedDependencies() {
        App app = App.builder()
                .dependency("ticket", Provide.of(AsyncTestClientTest::ticket))
                .dependency("audit", Provide.of(AsyncTestClientTest::audit))
                .routeHandlers(Route.get("/ticket", AsyncTestClientTest::handle))
                .build();
        int count = 64;
        try (AsyncTestClient client = AsyncTestClient.of(app)) {
            List<CompletableFuture<TestResponse>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(client.request("GET", "/ticket")
                        .header("x-request", "r" + i)
                        .sendAsync());
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .orTimeout(30, TimeUnit.SECONDS)
                    .join();

            Set<Object> ticketIds = new HashSet<>();
            for (int i = 0; i < count; i++) {
                Map<String, Object> body = futures.get(i).join().jsonMap();
                assertThat(body)
                        .containsEntry("sent", "r" + i)
                        .containsEntry("ticket", "r" + i)
                        .containsEntry("audit_shares_ticket", true);
                ticketIds.add(body.get("ticket_serial"));
            }
            assertThat(ticketIds).hasSize(count);
            assertThat(PEAK.get()).as("requests actually overlapped").isGreaterThan(1);
            assertThat(OPEN_TICKETS).as("every request's cleanup ran").isEmpty();
        }
    }

    static Map<String, Object> echo(Request request) {
        return Map.of(
                "method",
                request.method(),
                "body",
                request.text(),
                "cookie",
                request.cookie("session").orElse(""));
    }

    @Test
    void everyMethodReturnsAFutureAndSharesStateWithTheSyncClient() {
        AtomicInteger stopped = new AtomicInteger();
        App app = App.builder()
                .onShutdown(ignored -> stopped.incrementAndGet())
                .routeHandlers(
                        Route.route(
                                Set.of("GET", "POST", "PUT", "PATCH", "DELETE"),
                                "/echo",
                                (Request request) -> Response.of(echo(request)).status(200)),
                        Route.get("/login", () -> Response.of("in").cookie("session", "s1")))
                .build();
        try (AsyncTestClient client = AsyncTestClient.of(app)) {
            assertThat(client.sync().get("/login").status()).isEqualTo(200);
            assertThat(client.get("/echo").join().jsonMap())
                    .containsEntry("method", "GET")
                    .containsEntry("cookie", "s1");
            assertThat(client.post("/echo", Map.of("a", 1)).join().jsonMap())
                    .containsEntry("method", "POST")
                    .containsEntry("body", "{\"a\":1}");
            assertThat(client.put("/echo", List.of(1)).join().jsonMap())
                    .containsEntry("method", "PUT")
                    .containsEntry("body", "[1]");
            assertThat(client.patch("/echo", "x").join().jsonMap())
                    .containsEntry("method", "PATCH")
                    .containsEntry("body", "\"x\"");
            assertThat(client.delete("/echo").join().jsonMap()).containsEntry("method", "DELETE");
            assertThat(stopped).hasValue(0);
        }
        assertThat(stopped).hasValue(1);
    }

    @Test
    void closingTheClientLetsRequestsAlreadySentFinishBeforeShutdown() {
        AtomicInteger served = new AtomicInteger();
        AtomicInteger servedAtShutdown = new AtomicInteger(-1);
        App app = App.builder()
                .onShutdown(ignored -> servedAtShutdown.set(served.get()))
                .routeHandlers(Route.get("/slow", () -> {
                    Thread.sleep(30);
                    return served.incrementAndGet();
                }))
                .build();
        List<CompletableFuture<TestResponse>> futures = new ArrayList<>();
        try (AsyncTestClient client = AsyncTestClient.of(app)) {
            for (int i = 0; i < 32; i++) {
                futures.add(client.get("/slow"));
            }
        }
        for (CompletableFuture<TestResponse> future : futures) {
            assertThat(future).isCompleted();
            assertThat(future.join().status()).isEqualTo(200);
        }
        assertThat(served).hasValue(32);
        assertThat(servedAtShutdown).hasValue(32);
    }

    static final AtomicInteger POOLS_MADE = new AtomicInteger();

    static Ticket slowPool() throws InterruptedException {
        POOLS_MADE.incrementAndGet();
        Thread.sleep(50);
        return new Ticket("pool");
    }

    static int poolSerial(Ticket pool) {
        return pool.serial;
    }

    @Test
    void aCachedDependencyIsMadeOnceEvenWhenFirstRequestedConcurrently() {
        App app = App.builder()
                .dependency("pool", Provide.of(AsyncTestClientTest::slowPool).useCache())
                .routeHandlers(Route.get("/pool", AsyncTestClientTest::poolSerial))
                .build();
        try (AsyncTestClient client = AsyncTestClient.of(app)) {
            List<CompletableFuture<TestResponse>> futures = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                futures.add(client.get("/pool"));
            }
            Set<String> serials = new HashSet<>();
            for (CompletableFuture<TestResponse> future : futures) {
                serials.add(future.orTimeout(30, TimeUnit.SECONDS).join().text());
            }
            assertThat(serials).hasSize(1);
            assertThat(POOLS_MADE).hasValue(1);
        }
    }
}

package dev.rigel.pgclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.health.HealthPlugin;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.CuttableProxy;
import dev.rigel.testing.support.Eventually;
import dev.rigel.testing.support.Transport;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link PgClientPlugin} against the PostgreSQL on this machine: handlers read through the pool
 * dependency (several queries pipelined and awaited together), and every way the database can
 * fail is a defined answer: a constraint is a 409, a busy pool, a long statement, a database gone
 * away are fast 503s, never a hang and never an ERROR line.
 */
class PgClientPluginTest extends ScratchSchemaTest {

    record Item(int id, String name) {}

    record NewItem(int id, String name) {}

    record Pair(NewItem first, NewItem second) {}

    private static App app(PgClientConfig config) {
        return App.builder()
                .plugins(new PgClientPlugin(config), HealthPlugin.create())
                .routeHandlers(
                        Route.get("/items/{id:int}", (Integer id, SqlClient pgClient) -> {
                            Item item = read(pgClient, id).await();
                            if (item == null) {
                                throw new NotFoundException("No item " + id);
                            }
                            return item;
                        }),
                        // several rows, each its own query, all sent before the handler waits
                        Route.get("/items", (String ids, SqlClient pgClient) -> {
                            List<Future<Item>> reads = new ArrayList<>();
                            for (String id : ids.split(",")) {
                                reads.add(read(pgClient, Integer.parseInt(id)));
                            }
                            Future.all(reads).await();
                            return reads.stream().map(Future::result).toList();
                        }),
                        // both rows or neither: a transaction on a connection of the pool's own
                        Route.post(
                                "/items/pair",
                                (Pair data, Pool pgPool) -> pgPool.withTransaction(connection -> connection
                                                .preparedQuery("INSERT INTO item (id, name) VALUES ($1, $2)")
                                                .execute(Tuple.of(
                                                        data.first().id(),
                                                        data.first().name()))
                                                .compose(first -> connection
                                                        .preparedQuery("INSERT INTO item (id, name) VALUES ($1, $2)")
                                                        .execute(Tuple.of(
                                                                data.second().id(),
                                                                data.second().name()))))
                                        .map(done -> data)
                                        .await()),
                        Route.post("/items", (NewItem data, Pool pgPool) -> {
                            pgPool.preparedQuery("INSERT INTO item (id, name) VALUES ($1, $2)")
                                    .execute(Tuple.of(data.id(), data.name()))
                                    .await();
                            return new Item(data.id(), data.name());
                        }),
                        Route.get("/sleep", (Double seconds, SqlClient pgClient) -> {
                            pgClient.preparedQuery("SELECT pg_sleep($1)")
                                    .execute(Tuple.of(seconds))
                                    .await();
                            return Map.of("slept", seconds);
                        }))
                .build();
    }

    private static Future<Item> read(SqlClient pgClient, int id) {
        return pgClient.preparedQuery("SELECT id, name FROM item WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    var row = rows.iterator().next();
                    return new Item(row.getInteger(0), row.getString(1));
                });
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void handlersReadThroughThePoolInTheSchemaTheUrlNames(Transport transport) {
        try (TestClient client =
                Clients.open(app(PgClientConfig.builder().url(schema.url()).build()), transport)) {
            TestResponse one = client.get("/items/7");
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.jsonMap()).isEqualTo(Map.of("id", 7, "name", "item 7"));

            TestResponse many = client.get("/items?ids=3,1,2,50");
            assertThat(many.status()).isEqualTo(200);
            assertThat(many.jsonList())
                    .extracting(row -> row.get("name"))
                    .containsExactly("item 3", "item 1", "item 2", "item 50");

            TestResponse ready = client.get("/health/ready");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().at("/checks/db/status").asText()).isEqualTo("ok");
        }
        assertNoErrorLogged();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aUniqueViolationIs409NamingTheConstraintNotTheSql(Transport transport) {
        try (TestClient client =
                Clients.open(app(PgClientConfig.builder().url(schema.url()).build()), transport)) {
            assertThat(client.post("/items", Map.of("id", 100, "name", "new")).status())
                    .isEqualTo(201);

            TestResponse duplicate = client.post("/items", Map.of("id", 101, "name", "item 1"));
            assertThat(duplicate.status()).isEqualTo(409);
            assertThat(duplicate.json().at("/extra/constraint").asText()).isEqualTo("item_name_key");
            assertThat(duplicate.json().at("/extra/kind").asText()).isEqualTo("unique");
            assertThat(duplicate.text()).doesNotContain("INSERT").doesNotContain("item 1");
        }
        assertNoErrorLogged();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aTransactionOnThePoolIsAllOrNothing(Transport transport) {
        try (TestClient client =
                Clients.open(app(PgClientConfig.builder().url(schema.url()).build()), transport)) {
            TestResponse both = client.post(
                    "/items/pair",
                    Map.of("first", Map.of("id", 200, "name", "a"), "second", Map.of("id", 201, "name", "b")));
            assertThat(both.status()).isEqualTo(201);
            assertThat(client.get("/items?ids=200,201").status()).isEqualTo(200);

            TestResponse clash = client.post(
                    "/items/pair",
                    Map.of("first", Map.of("id", 202, "name", "c"), "second", Map.of("id", 203, "name", "item 1")));
            assertThat(clash.status()).isEqualTo(409);
            assertThat(client.get("/items/202").status()).isEqualTo(404); // the first insert was undone
        }
    }

    @Test
    void aStatementOverTheTimeoutIsCancelledAndAnswered503() {
        PgClientConfig config = PgClientConfig.builder()
                .url(schema.url())
                .statementTimeout(Duration.ofMillis(300))
                .build();
        try (TestClient client = Clients.open(app(config), Transport.REAL_SERVER)) {
            long start = System.nanoTime();
            TestResponse slow = client.get("/sleep?seconds=10");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(slow.status()).isEqualTo(503);
            assertThat(slow.header("Retry-After")).isEqualTo("1");
            assertThat(slow.json().at("/detail").asText()).contains("took too long");
            assertThat(client.get("/items/1").status()).isEqualTo(200);
        }
        assertNoErrorLogged();
    }

    @Test
    void aFullWaitQueueIsRefusedAtOnceWith503() throws Exception {
        // one connection carrying one query at a time, and room for one request to wait for it
        PgClientConfig config = PgClientConfig.builder()
                .url(schema.url())
                .maxSize(1)
                .pipeliningLimit(1)
                .maxWaitQueueSize(1)
                .build();
        try (TestClient client = Clients.open(app(config), Transport.REAL_SERVER);
                ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            var answers = new ArrayList<java.util.concurrent.Future<TestResponse>>();
            for (int i = 0; i < 6; i++) {
                answers.add(callers.submit(() -> client.get("/sleep?seconds=1")));
            }
            List<Integer> statuses = new ArrayList<>();
            for (var answer : answers) {
                TestResponse response = answer.get();
                statuses.add(response.status());
                if (response.status() == 503) {
                    assertThat(response.json().at("/detail").asText()).contains("waiting for a database connection");
                    assertThat(response.header("Retry-After")).isEqualTo("1");
                }
            }
            assertThat(statuses).contains(200).contains(503).containsOnly(200, 503);
        }
        assertNoErrorLogged();
    }

    @Test
    void noConnectionFreeInTimeIs503() throws Exception {
        PgClientConfig config = PgClientConfig.builder()
                .url(schema.url())
                .maxSize(1)
                .pipeliningLimit(1)
                .connectionTimeout(Duration.ofMillis(300))
                .build();
        try (TestClient client = Clients.open(app(config), Transport.REAL_SERVER);
                ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            var holder = callers.submit(() -> client.get("/sleep?seconds=2"));
            Thread.sleep(300); // the holder has the only connection now
            long start = System.nanoTime();
            TestResponse waited = client.get("/items/1");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_500));
            assertThat(waited.status()).isEqualTo(503);
            assertThat(waited.json().at("/detail").asText()).contains("pool is exhausted");
            assertThat(holder.get().status()).isEqualTo(200);
        }
        assertNoErrorLogged();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aDatabaseThatWentAwayIsAFast503AndServedAgainWhenItIsBack(Transport transport) throws Exception {
        try (CuttableProxy proxy = new CuttableProxy(ScratchSchema.PORT)) {
            PgClientConfig config =
                    PgClientConfig.builder().url(schema.url(proxy.port())).build();
            try (TestClient client = Clients.open(app(config), transport)) {
                assertThat(client.get("/items/1").status()).isEqualTo(200);
                proxy.cut();
                assertFast503WhileDown(client, "/items/1");
                assertThat(client.get("/health/ready").status()).isEqualTo(503);
                proxy.restore();
                Eventually.eventually(
                        () -> assertThat(client.get("/items/1").status()).isEqualTo(200));
            }
        }
        assertNoErrorLogged();
    }

    @Test
    void startupFailsNamingTheDatabaseButNotItsPassword() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        App app = app(PgClientConfig.builder()
                .url("postgresql://postgres:s3cret@127.0.0.1:" + closedPort + "/test")
                .build());
        assertThatThrownBy(() -> TestClient.of(app).close())
                .hasStackTraceContaining(
                        "Cannot connect to the database postgresql://postgres:***@127.0.0.1:" + closedPort)
                .satisfies(
                        e -> assertThat(Arrays.toString(e.getStackTrace()) + e).doesNotContain("s3cret"));
    }

    @Test
    void withoutTranslationADatabaseErrorStaysA500() {
        PgClientConfig config = PgClientConfig.builder()
                .url(schema.url())
                .translateErrors(false)
                .build();
        try (TestClient client = TestClient.of(app(config)).raiseServerExceptions(false)) {
            assertThat(client.post("/items", Map.of("id", 101, "name", "item 1"))
                            .status())
                    .isEqualTo(500);
        }
    }
}

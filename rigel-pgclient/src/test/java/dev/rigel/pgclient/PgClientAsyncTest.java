package dev.rigel.pgclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.CuttableProxy;
import dev.rigel.testing.support.Eventually;
import dev.rigel.testing.support.Transport;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Asynchronous handlers on {@link PgClientPlugin}: a {@code nonBlocking} route returns the client's
 * future as a stage and no thread waits for PostgreSQL. On a server the queries go through the
 * client bound to the event loop serving the request, so they are sent, answered and completed on
 * that loop; elsewhere (in-process, or a server whose I/O transport differs from Vert.x's) the
 * shared client serves them. Errors are answered as from a blocking handler.
 */
class PgClientAsyncTest extends ScratchSchemaTest {

    record Item(int id, String name, String answeredOn) {}

    record NewItem(int id, String name) {}

    private static App app(PgClientConfig config) {
        return App.builder()
                .plugins(new PgClientPlugin(config))
                .routeHandlers(
                        Route.get(
                                        "/items/{id:int}",
                                        (Integer id, SqlClient pgClient) -> read(pgClient, id)
                                                .map(item -> {
                                                    if (item == null) {
                                                        throw new NotFoundException("No item " + id);
                                                    }
                                                    return item;
                                                })
                                                .toCompletionStage())
                                .nonBlocking(),
                        Route.get("/items", (String ids, SqlClient pgClient) -> {
                                    List<Future<Item>> reads = new ArrayList<>();
                                    for (String id : ids.split(",")) {
                                        reads.add(read(pgClient, Integer.parseInt(id)));
                                    }
                                    // the client's own future: the plugin registers it as an asynchronous result
                                    return Future.all(reads)
                                            .map(all -> reads.stream()
                                                    .map(Future::result)
                                                    .toList());
                                })
                                .nonBlocking(),
                        Route.post(
                                        "/items",
                                        (NewItem data, SqlClient pgClient) -> pgClient.preparedQuery(
                                                        "INSERT INTO item (id, name) VALUES ($1, $2)")
                                                .execute(Tuple.of(data.id(), data.name()))
                                                .map(done -> data)
                                                .toCompletionStage())
                                .nonBlocking())
                .build();
    }

    private static Future<Item> read(SqlClient pgClient, int id) {
        return pgClient.preparedQuery("SELECT id, name FROM item WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0
                        ? null
                        : new Item(
                                rows.iterator().next().getInteger(0),
                                rows.iterator().next().getString(1),
                                Thread.currentThread().getName()));
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void asyncHandlersAnswerFromTheDatabaseAndFailAsBlockingOnesDo(Transport transport) {
        try (TestClient client =
                Clients.open(app(PgClientConfig.builder().url(schema.url()).build()), transport)) {
            TestResponse one = client.get("/items/7");
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.jsonMap()).containsEntry("id", 7).containsEntry("name", "item 7");

            TestResponse many = client.get("/items?ids=3,1,2,50");
            assertThat(many.jsonList())
                    .extracting(row -> row.get("name"))
                    .containsExactly("item 3", "item 1", "item 2", "item 50");

            assertThat(client.get("/items/99999").status()).isEqualTo(404);
            TestResponse duplicate = client.post("/items", Map.of("id", 101, "name", "item 1"));
            assertThat(duplicate.status()).isEqualTo(409);
            assertThat(duplicate.json().at("/extra/constraint").asText()).isEqualTo("item_name_key");
        }
        assertNoErrorLogged();
    }

    @Test
    void onAServerTheQueriesCompleteOnTheEventLoopServingTheRequest() {
        try (TestClient client =
                Clients.open(app(PgClientConfig.builder().url(schema.url()).build()), Transport.REAL_SERVER)) {
            for (int i = 1; i <= 8; i++) {
                assertThat(client.get("/items/" + i).jsonMap().get("answeredOn").toString())
                        .startsWith("rigel-io");
            }
            assertThat(client.get("/items?ids=1,2,3").jsonList())
                    .extracting(row -> row.get("answeredOn").toString())
                    .allMatch(thread -> thread.startsWith("rigel-io"));
        }
        assertNoErrorLogged();
    }

    @Test
    void inProcessTheSharedClientAnswers() {
        try (TestClient client =
                Clients.open(app(PgClientConfig.builder().url(schema.url()).build()), Transport.IN_PROCESS)) {
            assertThat(client.get("/items/1").jsonMap().get("answeredOn").toString())
                    .startsWith("vert.x-eventloop");
        }
    }

    @Test
    void aServerOnAnotherTransportThanVertxUsesTheSharedClient() {
        App app = app(PgClientConfig.builder().url(schema.url()).build());
        // NIO on the server while Vert.x runs epoll (or the other way round): the loops cannot carry its connections
        RigelServer server = new RigelServer(
                        app,
                        ServerConfig.builder()
                                .host("127.0.0.1")
                                .port(0)
                                .nativeTransport(false)
                                .shutdownTimeout(Duration.ofSeconds(2))
                                .build())
                .start();
        try (TestClient client = TestClient.overHttp(app, URI.create(server.url()), server::stop)) {
            TestResponse one = client.get("/items/4");
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.jsonMap()).containsEntry("name", "item 4");
        }
        assertNoErrorLogged();
    }

    @Test
    void aDatabaseThatWentAwayIsAFast503ForAsyncHandlersToo() throws Exception {
        try (CuttableProxy proxy = new CuttableProxy(ScratchSchema.PORT)) {
            PgClientConfig config =
                    PgClientConfig.builder().url(schema.url(proxy.port())).build();
            try (TestClient client = Clients.open(app(config), Transport.REAL_SERVER)) {
                assertThat(client.get("/items/1").status()).isEqualTo(200);
                proxy.cut();
                assertFast503WhileDown(client, "/items/1");
                proxy.restore();
                Eventually.eventually(
                        () -> assertThat(client.get("/items/1").status()).isEqualTo(200));
            }
        }
        assertNoErrorLogged();
    }
}

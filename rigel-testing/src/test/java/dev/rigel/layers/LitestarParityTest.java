package dev.rigel.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.annotation.Get;
import dev.rigel.di.Provide;
import dev.rigel.exceptions.HttpException;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Eventually;
import dev.rigel.testing.support.Transport;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Behaviour where Rigel follows Litestar on purpose, pinned so it does not drift. */
class LitestarParityTest {

    public static class ById {
        @Get("/items/{id:int}")
        public int item(int id) {
            return id;
        }
    }

    @Test
    void aNameThatIsBothPathParameterAndDependencyFailsAtStartup() {
        assertThatThrownBy(() -> App.builder()
                        .routeHandlers(ById.class)
                        .dependency("id", Provide.value(7))
                        .build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("GET /items/{id:int}")
                .hasMessageContaining("'id'")
                .hasMessageContaining("both a path parameter and a dependency (declared on app)");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void afterResponseRunsOnlyAfterTheRoutesOwnResponse(Transport transport) throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        App app = App.builder()
                .afterResponse(request -> seen.add(request.path()))
                .routeHandlers(Route.get("/ok", () -> "fine"), Route.get("/fails", () -> {
                    throw new HttpException(409, "taken");
                }))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/fails").status()).isEqualTo(409);
            assertThat(client.get("/ok").status()).isEqualTo(200);
            Eventually.eventually(() -> assertThat(seen).containsExactly("/ok"));
        }
    }

    @Test
    void lifespanResourcesWrapTheLifecycleHooks() {
        List<String> order = new CopyOnWriteArrayList<>();
        App app = App.builder()
                .onStartup(a -> order.add("startup hook"))
                .onShutdown(a -> order.add("shutdown hook"))
                .lifespan(a -> {
                    order.add("open pool");
                    return () -> order.add("close pool");
                })
                .routeHandlers(Route.get("/", () -> "x"))
                .build();
        try (TestClient client = TestClient.of(app)) {
            assertThat(order).containsExactly("open pool", "startup hook");
        }
        assertThat(order).containsExactly("open pool", "startup hook", "close pool", "shutdown hook");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void defaultStatusFollowsTheHandlersMethodsNotTheRequests(Transport transport) {
        App app = App.builder()
                .routeHandlers(
                        Route.route(Set.of("GET", "POST"), "/both", () -> "x"),
                        Route.post("/create", () -> "x"),
                        Route.delete("/remove", () -> "x"))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/both").status()).isEqualTo(200);
            assertThat(client.post("/both", null).status()).isEqualTo(200);
            assertThat(client.post("/create", null).status()).isEqualTo(201);
            TestResponse removed = client.delete("/remove");
            assertThat(removed.status()).isEqualTo(204);
            assertThat(removed.body()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theRouteBodyLimitHoldsEvenWhenTheHandlerNeverReadsTheBody(Transport transport) {
        List<String> ran = new CopyOnWriteArrayList<>();
        App app = App.builder()
                .routeHandlers(Route.post("/ignore", () -> ran.add("handler")).maxBodySize(16))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse small = client.request("POST", "/ignore")
                    .body(new byte[16], "application/octet-stream")
                    .send();
            assertThat(small.status()).isEqualTo(201);
            TestResponse large = client.request("POST", "/ignore")
                    .body(new byte[17], "application/octet-stream")
                    .send();
            assertThat(large.status()).isEqualTo(413);
            assertThat(large.text()).isEqualTo("{\"status_code\":413,\"detail\":\"Request Entity Too Large\"}");
            assertThat(ran).containsExactly("handler");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void malformedJsonDetailNamesThePlaceButDoesNotEchoTheBody(Transport transport) {
        record Item(String name) {}
        App app = App.builder()
                .routeHandlers(Route.post("/items", (Item data) -> data))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse response = client.request("POST", "/items")
                    .body("{\"name\": secret-token-123".getBytes(), "application/json")
                    .send();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.jsonMap().get("detail").toString())
                    .startsWith("Malformed JSON in request body at line 1, column")
                    .doesNotContain("secret-token-123");
        }
    }

    @Test
    void statusCodesCarryTheirReasonPhrase() {
        assertThat(new HttpException(418).detail()).isEqualTo("I'm a Teapot");
        assertThat(new HttpException(428).detail()).isEqualTo("Precondition Required");
        assertThat(new HttpException(511).detail()).isEqualTo("Network Authentication Required");
    }
}

package dev.rigel.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.WebSocketRoute;
import dev.rigel.di.Provide;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.exceptions.PermissionDeniedException;
import dev.rigel.http.AuthenticationResult;
import dev.rigel.http.HttpConnection;
import dev.rigel.protocol.Headers;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.WebSocketRejectedException;
import dev.rigel.testing.WebSocketTestSession;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import dev.rigel.websocket.WebSocketConnection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Guards that take dependencies by name, and the ready-made role and scope guards. */
class GuardsTest {

    record Member(String name, Set<String> roles) implements Authorities {}

    record Grant(Set<String> scopes) implements Authorities {}

    record Order(int id, String owner) {}

    static final class Orders {
        final AtomicInteger loads = new AtomicInteger();

        Order find(int id) {
            loads.incrementAndGet();
            return new Order(id, id % 2 == 0 ? "ann" : "bob");
        }
    }

    /** ann is an admin with orders:read; bob has orders:read and orders:write. */
    static final class TokenAuth extends AbstractAuthenticationMiddleware {
        @Override
        protected AuthenticationResult authenticate(HttpConnection connection) {
            return switch (connection.header("authorization").orElse("")) {
                case "Bearer ann" ->
                    new AuthenticationResult(new Member("ann", Set.of("admin")), new Grant(Set.of("orders:read")));
                case "Bearer bob" ->
                    new AuthenticationResult(
                            new Member("bob", Set.of()), new Grant(Set.of("orders:read", "orders:write")));
                default -> throw new NotAuthorizedException("Who are you?");
            };
        }
    }

    private static final DependentGuard OWNER_OR_ADMIN = Guards.of((Member user, Order order) ->
                    order.owner().equals(user.name()) || user.roles().contains("admin"))
            .message("Only the order's owner may see it");

    private static App app(Orders store, AtomicInteger plainGuardRuns) {
        return App.builder()
                .middleware(new TokenAuth())
                .dependency("orders", Provide.value(store))
                .dependency("order", Provide.of((Orders orders, Integer order_id) -> orders.find(order_id)))
                .routeHandlers(
                        Router.builder("/orders/{order_id:int}")
                                .guards(
                                        (request, handler) -> {
                                            plainGuardRuns.incrementAndGet();
                                            if (request.header("x-block").isPresent()) {
                                                throw new PermissionDeniedException("blocked");
                                            }
                                        },
                                        OWNER_OR_ADMIN)
                                .routeHandlers(
                                        Route.get("/", (Order order) -> "order " + order.id() + " of " + order.owner()),
                                        WebSocketRoute.handler("/live", (WebSocketConnection socket, Order order) -> {
                                            socket.accept();
                                            socket.sendText("watching " + order.id());
                                        }))
                                .build(),
                        Router.builder("/admin")
                                .guards(Guards.roles("admin"))
                                .routeHandlers(Route.get("/stats", () -> "stats"))
                                .build(),
                        Router.builder("/write")
                                .guards(Guards.scopes("orders:write"))
                                .routeHandlers(Route.post("/", () -> "written"))
                                .build(),
                        Router.builder("/nobody")
                                .guards(Guards.of(() -> false))
                                .routeHandlers(Route.get("/", () -> "never"))
                                .build())
                .build();
    }

    private static TestResponse send(TestClient client, String method, String path, String... headers) {
        var request = client.request(method, path);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aGuardGetsTheCallerAndDependenciesByName(Transport transport) {
        Orders orders = new Orders();
        try (TestClient client = Clients.open(app(orders, new AtomicInteger()), transport)) {
            assertThat(send(client, "GET", "/orders/3", "authorization", "Bearer bob")
                            .text())
                    .isEqualTo("order 3 of bob");
            // the admin passes for anyone's order
            assertThat(send(client, "GET", "/orders/3", "authorization", "Bearer ann")
                            .text())
                    .isEqualTo("order 3 of bob");
            TestResponse refused = send(client, "GET", "/orders/4", "authorization", "Bearer bob");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.text())
                    .isEqualTo("{\"status_code\":403,\"detail\":\"Only the order's owner may see it\"}");
            assertThat(send(client, "GET", "/orders/4").status()).isEqualTo(401);
            // a path value the guard's dependency needs is validated as for the handler
            assertThat(send(client, "GET", "/orders/x", "authorization", "Bearer bob")
                            .status())
                    .isEqualTo(404);
        }
        // three requests reached the guard: one order loaded for each, shared with the handler
        assertThat(orders.loads).hasValue(3);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void guardsThatTakeOnlyTheRequestRunFirstAndSpareTheDependencies(Transport transport) {
        Orders orders = new Orders();
        AtomicInteger plainRuns = new AtomicInteger();
        try (TestClient client = Clients.open(app(orders, plainRuns), transport)) {
            TestResponse blocked = send(client, "GET", "/orders/3", "authorization", "Bearer bob", "x-block", "1");
            assertThat(blocked.status()).isEqualTo(403);
            assertThat(blocked.text()).contains("blocked");
        }
        assertThat(plainRuns).hasValue(1);
        assertThat(orders.loads).hasValue(0);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aGuardRefusesAWebSocketHandshakeBeforeTheUpgrade(Transport transport) {
        try (TestClient client = Clients.open(app(new Orders(), new AtomicInteger()), transport)) {
            assertThatThrownBy(
                            () -> client.websocketConnect("/orders/4/live", Headers.of("authorization", "Bearer bob")))
                    .isInstanceOfSatisfying(
                            WebSocketRejectedException.class,
                            e -> assertThat(e.status()).isEqualTo(403));
            try (WebSocketTestSession socket =
                    client.websocketConnect("/orders/3/live", Headers.of("authorization", "Bearer bob"))) {
                assertThat(socket.receiveText()).isEqualTo("watching 3");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void roleAndScopeGuardsReadTheCallersAuthorities(Transport transport) {
        try (TestClient client = Clients.open(app(new Orders(), new AtomicInteger()), transport)) {
            assertThat(send(client, "GET", "/admin/stats", "authorization", "Bearer ann")
                            .text())
                    .isEqualTo("stats");
            TestResponse notAdmin = send(client, "GET", "/admin/stats", "authorization", "Bearer bob");
            assertThat(notAdmin.status()).isEqualTo(403);
            assertThat(notAdmin.text()).isEqualTo("{\"status_code\":403,\"detail\":\"This needs the role admin\"}");

            assertThat(send(client, "POST", "/write", "authorization", "Bearer bob")
                            .status())
                    .isEqualTo(201);
            TestResponse readOnly = send(client, "POST", "/write", "authorization", "Bearer ann");
            assertThat(readOnly.status()).isEqualTo(403);
            assertThat(readOnly.text()).contains("orders:write");

            TestResponse nobody = send(client, "GET", "/nobody", "authorization", "Bearer ann");
            assertThat(nobody.status()).isEqualTo(403);
            assertThat(nobody.text()).contains("You do not have permission to do this");
        }
    }

    @Test
    void aRoleGuardWithoutAuthenticationIsA401() {
        App app = App.builder()
                .guards(Guards.roles("admin"))
                .routeHandlers(Route.get("/admin", () -> "x"))
                .build();
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/admin").status()).isEqualTo(401);
        }
    }

    @Test
    void aGuardAskingForSomethingNobodyProvidesFailsTheBuildNamingRouteAndGuard() {
        assertThatThrownBy(() -> App.builder()
                        .guards(Guards.of((Orders missing) -> true))
                        .routeHandlers(Route.get("/x", () -> "x"))
                        .build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("GET /x")
                .hasMessageContaining("guard");
        assertThatThrownBy(() -> App.builder()
                        .guards(Guards.of((Member user) -> true))
                        .routeHandlers(Route.get("/x", () -> "x"))
                        .build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("no authentication middleware covers this route");
    }

    @Test
    void aDependentGuardCannotBeRunByHand() {
        assertThatThrownBy(() -> OWNER_OR_ADMIN.check(null, null)).isInstanceOf(UnsupportedOperationException.class);
    }
}

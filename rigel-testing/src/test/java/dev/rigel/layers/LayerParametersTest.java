package dev.rigel.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Param;
import dev.rigel.di.Provide;
import dev.rigel.http.HandlerInfo;
import dev.rigel.http.RouteParameter;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Request parameters a layer declares for every route under it (Litestar's layer {@code parameters}). */
class LayerParametersTest {

    record Tenant(
            @Param(header = "X-Tenant") @Pattern(regexp = "[a-z0-9-]{2,32}")
            String tenant) {}

    record Paging(
            @Param(defaultValue = "1") @Min(1) @Max(1000) int page) {}

    /** Redeclares {@code tenant}: under this controller it is a query parameter. */
    record TenantInQuery(String tenant) {}

    public static final class LegacyController extends Controller {
        public LegacyController() {
            super("/legacy");
            layer().parameters(TenantInQuery.class);
        }

        @Get("/whoami")
        public String whoami(String tenant) {
            return "legacy " + tenant;
        }
    }

    static final AtomicInteger DATABASE_CALLS = new AtomicInteger();

    static App app() {
        Router api = Router.builder("/api")
                .parameters(Tenant.class)
                .dependency("db", Provide.of(() -> DATABASE_CALLS.incrementAndGet()))
                .routeHandlers(
                        Route.get("/ping", () -> "pong"),
                        Route.get("/whoami", (String tenant, Integer db) -> tenant + " db"),
                        Route.get("/items", (Integer page) -> "page " + page),
                        dev.rigel.WebSocketRoute.handler(
                                "/feed", (dev.rigel.websocket.WebSocketConnection socket, String tenant) -> {
                                    socket.accept();
                                    socket.sendText("feed of " + tenant);
                                }),
                        LegacyController.class)
                .build();
        return App.builder()
                .parameters(Paging.class)
                .routeHandlers(api, Route.get("/", () -> "root"))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyRouteUnderTheLayerRequiresTheParameterAndChecksItsConstraints(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse missing = client.get("/api/ping");
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.json().get("extra").get(0).get("key").asText()).isEqualTo("X-Tenant");
            assertThat(missing.json().get("extra").get(0).get("source").asText())
                    .isEqualTo("header");

            TestResponse malformed = client.request("GET", "/api/ping")
                    .header("X-Tenant", "NOT OK")
                    .send();
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.json().get("extra").get(0).get("key").asText()).isEqualTo("X-Tenant");
            assertThat(malformed.json().get("extra").get(0).get("message").asText())
                    .contains("must match");
            assertThat(malformed.json().get("extra")).hasSize(1);

            TestResponse ok = client.request("GET", "/api/ping")
                    .header("X-Tenant", "acme")
                    .send();
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.text()).isEqualTo("pong");

            // outside the router only the app's parameters apply
            assertThat(client.get("/").status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHandlerNamingTheParameterGetsItAsTheLayerDeclaredIt(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse whoami = client.request("GET", "/api/whoami")
                    .header("X-Tenant", "acme")
                    .send();
            assertThat(whoami.status()).isEqualTo(200);
            assertThat(whoami.text()).isEqualTo("acme db");

            // the app's page: a query parameter with a default and bounds
            TestResponse items = client.request("GET", "/api/items")
                    .header("X-Tenant", "acme")
                    .send();
            assertThat(items.text()).isEqualTo("page 1");
            TestResponse third = client.request("GET", "/api/items?page=3")
                    .header("X-Tenant", "acme")
                    .send();
            assertThat(third.text()).isEqualTo("page 3");
            TestResponse zero = client.request("GET", "/api/items?page=0")
                    .header("X-Tenant", "acme")
                    .send();
            assertThat(zero.status()).isEqualTo(400);
            assertThat(zero.json().get("extra").get(0).get("key").asText()).isEqualTo("page");
            TestResponse word = client.get("/?page=many");
            assertThat(word.status()).isEqualTo(400);
            assertThat(word.json().get("extra").get(0).get("key").asText()).isEqualTo("page");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void webSocketHandshakesAreCheckedToo(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThatThrownBy(() -> client.websocketConnect("/api/feed"))
                    .isInstanceOfSatisfying(dev.rigel.testing.WebSocketRejectedException.class, refused -> {
                        assertThat(refused.status()).isEqualTo(400);
                        assertThat(refused.text()).contains("X-Tenant");
                    });
            try (var socket = client.websocketConnect("/api/feed", dev.rigel.protocol.Headers.of("X-Tenant", "acme"))) {
                assertThat(socket.receiveText()).isEqualTo("feed of acme");
            }
        }
    }

    @Test
    void aRefusedRequestRunsNoDependency() {
        try (TestClient client = TestClient.of(app())) {
            int before = DATABASE_CALLS.get();
            assertThat(client.get("/api/whoami").status()).isEqualTo(400);
            assertThat(DATABASE_CALLS.get()).isEqualTo(before);
        }
    }

    @Test
    void aCloserLayersDeclarationOfTheSameNameWins() {
        try (TestClient client = TestClient.of(app())) {
            TestResponse legacy = client.get("/api/legacy/whoami?tenant=old");
            assertThat(legacy.status()).isEqualTo(200);
            assertThat(legacy.text()).isEqualTo("legacy old");
            assertThat(client.get("/api/legacy/whoami").status()).isEqualTo(400);
        }
    }

    @Test
    void theRoutesListTheDeclaredParametersWithTheirConstraints() {
        Map<String, HandlerInfo> routes = new java.util.HashMap<>();
        app().routes().forEach(route -> routes.put(route.pathTemplate(), route));
        List<RouteParameter> ping = routes.get("/api/ping").parameters();
        assertThat(ping)
                .extracting(RouteParameter::name, RouteParameter::source, RouteParameter::required)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("X-Tenant", RouteParameter.Source.HEADER, true),
                        org.assertj.core.groups.Tuple.tuple("page", RouteParameter.Source.QUERY, false));
        RouteParameter tenant = ping.stream()
                .filter(p -> p.name().equals("X-Tenant"))
                .findFirst()
                .orElseThrow();
        assertThat(tenant.annotation(Pattern.class).regexp()).isEqualTo("[a-z0-9-]{2,32}");
        assertThat(routes.get("/").parameters())
                .extracting(RouteParameter::name)
                .containsExactly("page");
    }

    @Test
    void onlyRecordsDeclareParameters() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<? extends Record> notARecord = (Class) String.class;
        assertThatThrownBy(() -> Router.builder("/x").parameters(notARecord))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a record");
    }
}

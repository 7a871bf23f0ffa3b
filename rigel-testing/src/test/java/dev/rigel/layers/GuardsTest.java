package dev.rigel.layers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Get;
import dev.rigel.di.Provide;
import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.exceptions.PermissionDeniedException;
import dev.rigel.http.Guard;
import dev.rigel.http.HandlerInfo;
import dev.rigel.http.Request;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Guards from every layer run, app first, before dependencies and the handler; they refuse with 401/403. */
class GuardsTest {

    /** Each guard notes its name in a per-request list, which the handler returns. */
    @SuppressWarnings("unchecked")
    static Guard noting(String name) {
        return (request, handler) ->
                ((List<String>) request.state().computeIfAbsent("trail", key -> new ArrayList<String>())).add(name);
    }

    @SuppressWarnings("unchecked")
    static List<String> trail(Request request) {
        return (List<String>) request.state().getOrDefault("trail", List.of());
    }

    /** Named in an annotation: requires {@code x-token: secret}. */
    public static class TokenGuard implements Guard {
        @Override
        public void check(Request request, HandlerInfo handler) throws Exception {
            noting("annotation").check(request, handler);
            if (!"secret".equals(request.headers().get("x-token"))) {
                throw new NotAuthorizedException("A valid x-token is required");
            }
        }
    }

    /** Named in an annotation: requires the role the handler's opt asks for. */
    public static class RoleGuard implements Guard {
        @Override
        public void check(Request request, HandlerInfo handler) {
            Object role = handler.opt().get("role");
            if (role != null && !role.equals(request.headers().get("x-role"))) {
                throw new PermissionDeniedException("Only " + role + " may " + handler.name());
            }
        }
    }

    public static class SecretController extends Controller {
        public SecretController() {
            super("/secret");
            layer().guards(noting("controller"));
        }

        @Get(value = "/trail", guards = TokenGuard.class)
        public List<String> trail(Request request) {
            return GuardsTest.trail(request);
        }

        @Get(
                value = "/admin",
                name = "admin-panel",
                guards = {TokenGuard.class, RoleGuard.class},
                opt = "role=admin")
        public String admin() {
            return "welcome";
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void guardsAddUpAcrossLayersAndRunAppFirst(Transport transport) {
        App app = App.builder()
                .guards(noting("app-1"), noting("app-2"))
                .routeHandlers(Router.builder("/outer")
                        .guards(noting("outer"))
                        .routeHandlers(Router.builder("/inner")
                                .guards(noting("inner"))
                                .routeHandlers(
                                        SecretController.class,
                                        Route.get("/route", GuardsTest::trail).guards(noting("route")))
                                .build())
                        .build())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse viaController = client.request("GET", "/outer/inner/secret/trail")
                    .header("x-token", "secret")
                    .send();
            assertThat(viaController.status()).isEqualTo(200);
            assertThat(viaController.json(List.class))
                    .containsExactly("app-1", "app-2", "outer", "inner", "controller", "annotation");

            assertThat(client.get("/outer/inner/route").json(List.class))
                    .containsExactly("app-1", "app-2", "outer", "inner", "route");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aRefusingGuardAnswers401Or403InTheStandardBodyAndStopsTheRequest(Transport transport) {
        AtomicInteger handled = new AtomicInteger();
        AtomicInteger laterGuards = new AtomicInteger();
        AtomicInteger provided = new AtomicInteger();
        Guard auth = (request, handler) -> {
            if (request.header("authorization").isEmpty()) {
                throw new NotAuthorizedException("Missing Authorization header");
            }
        };
        Guard onlyAlice = (request, handler) -> {
            laterGuards.incrementAndGet();
            if (!"Bearer alice".equals(request.headers().get("authorization"))) {
                throw new PermissionDeniedException("Only alice may enter");
            }
        };
        App app = App.builder()
                .guards(auth)
                .dependency("audit", Provide.of(() -> "audit-" + provided.incrementAndGet()))
                .routeHandlers(Router.builder("/private")
                        .guards(onlyAlice)
                        .routeHandlers(
                                Route.get("/room", GuardsTest::room).dependency("counter", Provide.value(handled)))
                        .build())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse anonymous = client.get("/private/room");
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.jsonMap())
                    .isEqualTo(Map.of("status_code", 401, "detail", "Missing Authorization header"));
            assertThat(laterGuards).hasValue(0);

            TestResponse bob = client.request("GET", "/private/room")
                    .header("authorization", "Bearer bob")
                    .send();
            assertThat(bob.status()).isEqualTo(403);
            assertThat(bob.jsonMap()).isEqualTo(Map.of("status_code", 403, "detail", "Only alice may enter"));

            // guards run before dependencies are resolved and before the handler
            assertThat(provided).hasValue(0);
            assertThat(handled).hasValue(0);

            TestResponse alice = client.request("GET", "/private/room")
                    .header("authorization", "Bearer alice")
                    .send();
            assertThat(alice.status()).isEqualTo(200);
            assertThat(alice.text()).isEqualTo("room for audit-1");
            assertThat(handled).hasValue(1);
        }
    }

    static String room(String audit, AtomicInteger counter) {
        counter.incrementAndGet();
        return "room for " + audit;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void guardsNamedInAnnotationsAreInstantiatedAndSeeTheHandler(Transport transport) {
        App app = App.builder().routeHandlers(SecretController.class).build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse noToken = client.get("/secret/admin");
            assertThat(noToken.status()).isEqualTo(401);
            assertThat(noToken.jsonMap()).containsEntry("detail", "A valid x-token is required");

            TestResponse wrongRole = client.request("GET", "/secret/admin")
                    .header("x-token", "secret")
                    .header("x-role", "guest")
                    .send();
            assertThat(wrongRole.status()).isEqualTo(403);
            assertThat(wrongRole.jsonMap())
                    .isEqualTo(Map.of("status_code", 403, "detail", "Only admin may admin-panel"));

            TestResponse admin = client.request("GET", "/secret/admin")
                    .header("x-token", "secret")
                    .header("x-role", "admin")
                    .send();
            assertThat(admin.status()).isEqualTo(200);
            assertThat(admin.text()).isEqualTo("welcome");
        }
    }
}

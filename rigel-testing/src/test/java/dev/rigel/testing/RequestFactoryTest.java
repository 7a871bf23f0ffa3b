package dev.rigel.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Post;
import dev.rigel.exceptions.ClientException;
import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.exceptions.PermissionDeniedException;
import dev.rigel.exceptions.UnsupportedMediaTypeException;
import dev.rigel.exceptions.ValidationError;
import dev.rigel.exceptions.ValidationException;
import dev.rigel.http.Guard;
import dev.rigel.http.HandlerInfo;
import dev.rigel.http.Request;
import dev.rigel.middleware.session.ClientSideSessionConfig;
import dev.rigel.middleware.session.Session;
import dev.rigel.middleware.session.SessionMiddleware;
import dev.rigel.protocol.Message;
import dev.rigel.security.Authorities;
import dev.rigel.security.Guards;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link RequestFactory} (Litestar's {@code RequestFactory}): requests built without a server to
 * unit-test a real guard ({@code Guards.roles}, and an app's own guard that reads the route's
 * layered {@code opt}), a real dependency provider, and middleware (the session middleware).
 */
class RequestFactoryTest {

    record Account(String name, Set<String> roles) implements Authorities {}

    record Order(String sku, int quantity) {}

    /** An app's guard: a route marked {@code tenant_scoped} needs an {@code X-Tenant} header naming a known tenant. */
    static final class TenantGuard implements Guard {
        @Override
        public void check(Request request, HandlerInfo handler) {
            if (!Boolean.TRUE.equals(handler.opt().get("tenant_scoped"))) {
                return;
            }
            String tenant = request.header("X-Tenant").orElseThrow(() -> new NotAuthorizedException("No tenant"));
            @SuppressWarnings("unchecked")
            Set<String> known = request.appState().get("tenants", Set.class);
            if (!known.contains(tenant)) {
                throw new PermissionDeniedException("Unknown tenant " + tenant);
            }
        }
    }

    /** A dependency provider: paging from the query, bounded by the app's configured maximum. */
    record Paging(int page, int size) {
        static Paging from(Request request) {
            int max = request.appState().get("max_page_size", Integer.class);
            List<ValidationError> errors = new ArrayList<>();
            int page = number(request, "page", 1, errors);
            int size = number(request, "size", 20, errors);
            if (size > max) {
                errors.add(new ValidationError("size", "at most " + max, "query"));
            }
            if (!errors.isEmpty()) {
                throw ValidationException.forRequest(request.method(), request.path(), errors);
            }
            return new Paging(page, size);
        }

        private static int number(Request request, String name, int fallback, List<ValidationError> errors) {
            String text = request.query().first(name).orElse(null);
            if (text == null) {
                return fallback;
            }
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                errors.add(new ValidationError(name, "not a number", "query"));
                return fallback;
            }
        }
    }

    public static class Admin extends Controller {
        public Admin() {
            super("/admin");
            layer().guards(Guards.roles("admin"), new TenantGuard()).opt("tenant_scoped", true);
        }

        @Get(value = "/users/{user_id:int}", name = "admin.user")
        public String user(int userId) {
            return "user " + userId;
        }

        @Post("/orders")
        public Order order(Order data) {
            return data;
        }
    }

    static App app() {
        return App.builder()
                .routeHandlers(new Admin())
                .state("tenants", Set.of("acme"))
                .state("max_page_size", 50)
                .build();
    }

    @Test
    void aRequestIsRoutedAsTheAppWouldRouteIt() {
        App app = app();
        Request request = RequestFactory.of(app)
                .get("/admin/users/7?page=2&tag=a&tag=b")
                .header("X-Tenant", "acme")
                .cookie("theme", "dark")
                .query("size", "10 items")
                .build();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/admin/users/7");
        assertThat(request.pathParams()).isEqualTo(Map.of("user_id", 7));
        assertThat(request.query().getAll("tag")).containsExactly("a", "b");
        assertThat(request.query().get("size")).isEqualTo("10 items");
        assertThat(request.cookies()).isEqualTo(Map.of("theme", "dark"));
        assertThat(request.header("x-tenant")).hasValue("acme");
        assertThat(request.appState()).isSameAs(app.state());
        HandlerInfo handler = request.handler();
        assertThat(handler.pathTemplate()).isEqualTo("/admin/users/{user_id:int}");
        assertThat(handler.name()).isEqualTo("admin.user");
        assertThat(handler.opt()).containsEntry("tenant_scoped", true);
        assertThat(HandlerInfo.of(request.scope())).isSameAs(handler);
        assertThat(request.urlFor("admin.user", Map.of("user_id", 9)))
                .isEqualTo("http://testserver.local/admin/users/9");
    }

    @Test
    void theRolesGuardPassesAdminsAndRefusesOthers() throws Exception {
        RequestFactory requests = RequestFactory.of(app());
        Guard admins = Guards.roles("admin");

        Request admin = requests.get("/admin/users/1")
                .user(new Account("ada", Set.of("admin")))
                .build();
        admins.check(admin, admin.handler());
        assertThat(admin.<Account>user().name()).isEqualTo("ada");

        Request clerk = requests.get("/admin/users/1")
                .user(new Account("bob", Set.of("clerk")))
                .build();
        assertThatThrownBy(() -> admins.check(clerk, clerk.handler()))
                .isInstanceOfSatisfying(
                        PermissionDeniedException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(403));

        Request anonymous = requests.get("/admin/users/1").build();
        assertThatThrownBy(() -> admins.check(anonymous, anonymous.handler()))
                .isInstanceOfSatisfying(
                        NotAuthorizedException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(401));
    }

    @Test
    void anAppsGuardReadsTheRoutesLayeredOptAndTheAppState() {
        RequestFactory requests = RequestFactory.of(app());
        TenantGuard guard = new TenantGuard();

        Request known =
                requests.get("/admin/users/1").header("X-Tenant", "acme").build();
        guard.check(known, known.handler());

        Request unknown =
                requests.get("/admin/users/1").header("X-Tenant", "evil").build();
        assertThatThrownBy(() -> guard.check(unknown, unknown.handler()))
                .isInstanceOf(PermissionDeniedException.class)
                .hasMessageContaining("evil");

        Request none = requests.get("/admin/users/1").build();
        assertThatThrownBy(() -> guard.check(none, none.handler())).isInstanceOf(NotAuthorizedException.class);
    }

    @Test
    void aDependencyProviderReadsTheQueryAndTheAppState() {
        RequestFactory requests = RequestFactory.of(app());
        assertThat(Paging.from(requests.get("/admin/users/1?page=3&size=30").build()))
                .isEqualTo(new Paging(3, 30));
        assertThat(Paging.from(requests.get("/admin/users/1").build())).isEqualTo(new Paging(1, 20));
        assertThatThrownBy(() -> Paging.from(
                        requests.get("/admin/users/1?page=x&size=99").build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.errors()).extracting(ValidationError::key).containsExactly("page", "size");
                });
    }

    @Test
    void bodiesAsJsonTextBytesAndForms() {
        RequestFactory requests = RequestFactory.of(app());
        Request json = requests.post("/admin/orders").json(new Order("A-1", 2)).build();
        assertThat(json.json(Order.class)).isEqualTo(new Order("A-1", 2));
        assertThat(json.header("content-type")).hasValue("application/json");
        assertThat(json.handler().methods()).containsExactly("POST");

        Request text = requests.post("/admin/orders").text("{\"sku\":").build();
        assertThatThrownBy(() -> text.json(Order.class))
                .isInstanceOfSatisfying(
                        UnsupportedMediaTypeException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(415));
        Request broken = requests.post("/admin/orders")
                .body("{\"sku\":".getBytes(StandardCharsets.UTF_8), "application/json")
                .build();
        assertThatThrownBy(() -> broken.json(Order.class))
                .isInstanceOfSatisfying(
                        ClientException.class, e -> assertThat(e.statusCode()).isEqualTo(400));

        Request form = requests.post("/admin/orders")
                .form(Map.of("sku", "B 2", "tags", List.of("x", "y")))
                .build();
        assertThat(form.form().get("sku")).isEqualTo("B 2");
        assertThat(form.form().getAll("tags")).containsExactly("x", "y");
        assertThat(form.text()).contains("sku=B+2");
    }

    @Test
    void withoutAnAppTheRouteAndStateAreTheTestsOwn() throws Exception {
        HandlerInfo route = app().routes().stream()
                .filter(info -> "admin.user".equals(info.name()))
                .findFirst()
                .orElseThrow();
        RequestFactory requests = RequestFactory.create();
        requests.state().put("tenants", Set.of("globex")).put("max_page_size", 5);
        Request request = requests.get("/admin/users/4?size=9")
                .handler(route)
                .pathParam("user_id", 4)
                .header("X-Tenant", "globex")
                .build();
        new TenantGuard().check(request, request.handler());
        assertThat(request.pathParams()).isEqualTo(Map.of("user_id", 4));
        assertThatThrownBy(() -> Paging.from(request)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> request.urlFor("admin.user", Map.of("user_id", 1)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void middlewareRunsOnTheBuiltScope() throws Exception {
        byte[] key = "an-aes-256-key-of-32-bytes-long!".getBytes(StandardCharsets.US_ASCII);
        SessionMiddleware sessions = new SessionMiddleware(ClientSideSessionConfig.of(key));
        String cookie = sessions.storeSession(Map.of(), Map.of("user", "ada")).getFirst();
        Request request = RequestFactory.create()
                .post("/anything")
                .cookie("session", cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';')))
                .text("hello")
                .build();
        AtomicReference<Object> seen = new AtomicReference<>();
        AtomicReference<String> body = new AtomicReference<>();
        List<Message> sent = new ArrayList<>();
        sessions.wrap((scope, receive, send) -> {
                    seen.set(Session.of(scope).orElseThrow().get("user").orElseThrow());
                    body.set(new String(((Message.RequestBody) receive.receive()).body(), StandardCharsets.UTF_8));
                    Session.of(scope).orElseThrow().put("visits", 1);
                    send.send(new Message.ResponseStart(204, new dev.rigel.protocol.Headers()));
                    send.send(Message.ResponseBody.EMPTY_LAST);
                })
                .call(request.scope(), RequestFactory.receive(request), sent::add);
        assertThat(seen.get()).isEqualTo("ada");
        assertThat(body.get()).isEqualTo("hello");
        Message.ResponseStart start = (Message.ResponseStart) sent.getFirst();
        assertThat(start.headers().getAll("set-cookie"))
                .singleElement()
                .asString()
                .startsWith("session=");
    }

    @Test
    void aPathNoRouteAnswersFailsNamingIt() {
        RequestFactory requests = RequestFactory.of(app());
        assertThatThrownBy(() -> requests.get("/nowhere").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GET /nowhere");
        assertThatThrownBy(() -> requests.delete("/admin/orders").build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> requests.get("/x").auth("token").build()).isInstanceOf(IllegalStateException.class);
    }
}

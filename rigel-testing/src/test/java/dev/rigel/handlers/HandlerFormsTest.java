package dev.rigel.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Delete;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Head;
import dev.rigel.annotation.Param;
import dev.rigel.annotation.Patch;
import dev.rigel.annotation.Post;
import dev.rigel.annotation.Put;
import dev.rigel.di.Provide;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.Request;
import dev.rigel.http.State;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The ways to declare a handler: annotated controllers and plain classes, @Route, lambdas, method references. */
class HandlerFormsTest {

    record Note(int id, String text) {}

    public static class Notes extends Controller {
        public Notes() {
            super("/notes");
        }

        @Get
        public List<Note> list() {
            return List.of(new Note(1, "first"));
        }

        @Get("/{id:int}")
        public Note get(int id) {
            return new Note(id, "note " + id);
        }

        @Post
        public Note create(Note data) {
            return new Note(99, data.text());
        }

        @Put("/{id:int}")
        public Note replace(int id, Note data) {
            return new Note(id, data.text());
        }

        @Patch("/{id:int}")
        public Note rename(int id, Map<String, String> data) {
            return new Note(id, data.get("text"));
        }

        @Delete("/{id:int}")
        public void remove(int id) {}

        @Head("/{id:int}/exists")
        public void exists(int id) {}

        @Get({"/alias-a", "/alias-b"})
        public String aliases(Request request) {
            return "via " + request.path();
        }
    }

    /** Not a Controller: a plain class whose annotated methods become handlers. */
    public static class Misc {
        private final String greeting;

        public Misc() {
            this("hello");
        }

        Misc(String greeting) {
            this.greeting = greeting;
        }

        @Get("/misc/greet")
        public String greet(String name) {
            return greeting + " " + name;
        }

        @dev.rigel.annotation.Route(
                methods = {"GET", "put"},
                value = "/misc/either")
        public String either(Request request) {
            return "either " + request.method();
        }

        @dev.rigel.annotation.Route(methods = "POST", value = "/misc/via-route", status = 202)
        public String viaRoute() {
            return "accepted";
        }

        @Get("/misc/static")
        public static String staticHandler() {
            return "static";
        }

        @Get("/misc/package-private")
        String packagePrivate() {
            return "package-private";
        }
    }

    public static class Greeter {
        private final String prefix;

        public Greeter(String prefix) {
            this.prefix = prefix;
        }

        public String greet(String name, @Param(defaultValue = "1") int times) {
            return (prefix + name + " ").repeat(times).trim();
        }

        public Note note(int noteId) {
            return new Note(noteId, prefix);
        }
    }

    static String shout(String word) {
        return word.toUpperCase(java.util.Locale.ROOT) + "!";
    }

    static final Greeter GREETER = new Greeter("hi ");

    static final App APP = App.builder()
            .state("motto", "be kind")
            .routeHandlers(
                    Notes.class,
                    new Misc("howdy"),
                    Router.of("/classes", Misc.class),
                    Route.get("/health", () -> Map.of("status", "ok")),
                    Route.post("/echo", (Request r) -> r.method() + " " + r.text()),
                    Route.get("/motto", (State state) -> state.get("motto", String.class)),
                    Route.get("/both", (Request r, State s) -> r.path() + " " + s.get("motto", String.class)),
                    Route.put("/put", () -> "put"),
                    Route.patch("/patch", () -> "patch"),
                    Route.delete("/delete", () -> "ignored"),
                    Route.head("/head", () -> "ignored"),
                    Route.route(Set.of("GET", "POST"), "/multi", (Request r) -> "multi " + r.method()),
                    Route.get("/greet", GREETER::greet),
                    Route.get("/notes-by-ref/{note_id:int}", GREETER::note),
                    Route.get("/shout/{word}", HandlerFormsTest::shout))
            .build();

    @ParameterizedTest
    @EnumSource(Transport.class)
    void controllerMethodsForEveryHttpMethod(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(client.get("/notes").text()).isEqualTo("[{\"id\":1,\"text\":\"first\"}]");
            assertThat(client.get("/notes/4").text()).isEqualTo("{\"id\":4,\"text\":\"note 4\"}");
            TestResponse created = client.post("/notes", Map.of("id", 0, "text", "new"));
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.text()).isEqualTo("{\"id\":99,\"text\":\"new\"}");
            assertThat(client.put("/notes/5", Map.of("id", 0, "text", "put")).text())
                    .isEqualTo("{\"id\":5,\"text\":\"put\"}");
            assertThat(client.patch("/notes/6", Map.of("text", "patched")).text())
                    .isEqualTo("{\"id\":6,\"text\":\"patched\"}");
            assertThat(client.delete("/notes/7").status()).isEqualTo(204);
            assertThat(client.head("/notes/7/exists").status()).isEqualTo(200);
            assertThat(client.get("/notes/7/exists").status()).isEqualTo(405);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void oneMethodMayServeSeveralPaths(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(client.get("/notes/alias-a").text()).isEqualTo("via /notes/alias-a");
            assertThat(client.get("/notes/alias-b").text()).isEqualTo("via /notes/alias-b");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void plainClassesServeAsInstanceOrClass(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(client.get("/misc/greet?name=Ada").text()).isEqualTo("howdy Ada");
            assertThat(client.get("/classes/misc/greet?name=Ada").text()).isEqualTo("hello Ada");
            assertThat(client.get("/misc/static").text()).isEqualTo("static");
            assertThat(client.get("/classes/misc/package-private").text()).isEqualTo("package-private");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void routeAnnotationTakesSeveralMethods(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(client.get("/misc/either").text()).isEqualTo("either GET");
            assertThat(client.put("/misc/either", null).text()).isEqualTo("either PUT");
            TestResponse post = client.post("/misc/either", null);
            assertThat(post.status()).isEqualTo(405);
            assertThat(post.header("allow")).isEqualTo("GET, HEAD, OPTIONS, PUT");
            TestResponse viaRoute = client.post("/misc/via-route", null);
            assertThat(viaRoute.status()).isEqualTo(202);
            assertThat(viaRoute.text()).isEqualTo("accepted");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void lambdasWithoutParameters(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(client.get("/health").text()).isEqualTo("{\"status\":\"ok\"}");
            assertThat(client.put("/put", null).text()).isEqualTo("put");
            assertThat(client.patch("/patch", null).text()).isEqualTo("patch");
            TestResponse deleted = client.delete("/delete");
            assertThat(deleted.status()).isEqualTo(204);
            assertThat(deleted.body()).isEmpty();
            assertThat(client.head("/head").status()).isEqualTo(200);
            assertThat(client.head("/head").body()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void lambdasTakingReservedTypes(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(client.request("POST", "/echo").text("ping").send().text())
                    .isEqualTo("POST ping");
            assertThat(client.get("/motto").text()).isEqualTo("be kind");
            assertThat(client.get("/both").text()).isEqualTo("/both be kind");
            assertThat(client.get("/multi").text()).isEqualTo("multi GET");
            assertThat(client.post("/multi", null).text()).isEqualTo("multi POST");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void methodReferencesBindParametersByName(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(client.get("/greet?name=Ada").text()).isEqualTo("hi Ada");
            assertThat(client.get("/greet?name=Bo&times=2").text()).isEqualTo("hi Bo hi Bo");
            assertThat(client.get("/notes-by-ref/3").text()).isEqualTo("{\"id\":3,\"text\":\"hi \"}");
            assertThat(client.get("/shout/hey").text()).isEqualTo("HEY!");
            TestResponse missing = client.get("/greet");
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.text()).contains("Missing required query parameter 'name'");
        }
    }

    record Memo(String text) {}

    @Test
    void aLambdaParameterThatNeedsItsTypeArgumentsIsRefused() {
        // javac keeps no generic types for lambda parameters, so Optional<Integer> would arrive as a bare Optional
        Route route = Route.get("/items", (java.util.List<Integer> ids) -> ids.size());
        assertThatThrownBy(() -> App.builder().routeHandlers(route).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("GET /items")
                .hasMessageContaining("'ids'")
                .hasMessageContaining("Java erases the type arguments of a lambda's parameters");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void lambdaParametersBindByNameToo(Transport transport) {
        // javac keeps a lambda's parameter names only in the debug info (-g, Maven's default); Rigel reads them there
        App app = App.builder()
                .routeHandlers(
                        Route.get(
                                        "/hello/{who}",
                                        (String who, Integer times) -> ("hi " + who + " ")
                                                .repeat(times)
                                                .trim())
                                .dependency("times", Provide.value(1)),
                        Route.get(
                                "/repeat/{who}",
                                (String who, Integer times) ->
                                        ("hi " + who + " ").repeat(times).trim()),
                        Route.post("/memos", (Memo data, Request request) -> data.text() + " via " + request.method()))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/hello/ada").text()).isEqualTo("hi ada");
            assertThat(client.get("/repeat/ada?times=2").text()).isEqualTo("hi ada hi ada");
            assertThat(client.get("/repeat/ada").status()).isEqualTo(400);
            assertThat(client.post("/memos", Map.of("text", "remember")).text()).isEqualTo("remember via POST");
        }
    }
}

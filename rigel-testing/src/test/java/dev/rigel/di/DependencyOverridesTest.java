package dev.rigel.di;

import static dev.rigel.testing.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Get;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Dependency overrides replace a dependency wherever it was declared: app, router, controller or
 * handler (Litestar cannot override handler- or controller-level dependencies).
 */
class DependencyOverridesTest {

    static final List<String> CLEANED = new CopyOnWriteArrayList<>();

    public static class DbController extends Controller {
        public DbController() {
            super("/controller");
            layer().dependency("db", Provide.value("controller-db"));
        }

        @Get
        public String get(String db) {
            return db;
        }
    }

    static String db(String db) {
        return db;
    }

    static String service(String db) {
        return "service(" + db + ")";
    }

    static String useService(String service) {
        return service;
    }

    static Scoped<String> scopedDb() {
        return Scoped.of("scoped-db", outcome -> CLEANED.add("scoped-db"));
    }

    static App app(Consumer<App.Builder> extra) {
        App.Builder builder = App.builder()
                .dependency("db", Provide.value("app-db"))
                .dependency("service", Provide.of(DependencyOverridesTest::service))
                .routeHandlers(
                        Route.get("/app", DependencyOverridesTest::db),
                        Router.builder("/router")
                                .dependency("db", Provide.value("router-db"))
                                .routeHandlers(
                                        Route.get("/plain", DependencyOverridesTest::db),
                                        DbController.class,
                                        Route.get("/handler", DependencyOverridesTest::db)
                                                .dependency("db", Provide.value("handler-db")),
                                        Route.get("/scoped", DependencyOverridesTest::db)
                                                .dependency("db", Provide.of(DependencyOverridesTest::scopedDb)),
                                        Route.get("/service", DependencyOverridesTest::useService))
                                .build());
        extra.accept(builder);
        return builder.build();
    }

    static final List<String> PATHS = List.of(
            "/app", "/router/plain", "/router/controller", "/router/handler", "/router/scoped", "/router/service");

    private static Map<String, String> answers(TestClient client) {
        Map<String, String> answers = new java.util.LinkedHashMap<>();
        for (String path : PATHS) {
            var response = client.get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            answers.put(path, response.text());
        }
        return answers;
    }

    private static Map<String, String> everywhere(String db) {
        return Map.of(
                "/app",
                db,
                "/router/plain",
                db,
                "/router/controller",
                db,
                "/router/handler",
                db,
                "/router/scoped",
                db,
                "/router/service",
                "service(" + db + ")");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void withoutOverridesEachLayersDependencyApplies(Transport transport) {
        CLEANED.clear();
        try (TestClient client = Clients.open(app(builder -> {}), transport)) {
            assertThat(answers(client))
                    .isEqualTo(Map.of(
                            "/app",
                            "app-db",
                            "/router/plain",
                            "router-db",
                            "/router/controller",
                            "controller-db",
                            "/router/handler",
                            "handler-db",
                            "/router/scoped",
                            "scoped-db",
                            "/router/service",
                            "service(router-db)"));
            eventually(() -> assertThat(CLEANED).containsExactly("scoped-db"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anOverrideOnTheAppBuilderBeatsTheDependencyOnEveryLayer(Transport transport) {
        CLEANED.clear();
        App app = app(builder -> builder.dependencyOverride("db", Provide.value("fake-db")));
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(answers(client)).isEqualTo(everywhere("fake-db"));
        }
        // the overridden scoped provider never ran, so neither did its cleanup
        assertThat(CLEANED).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void withDependencyOverridesMakesANewAppAndLeavesTheOriginalAlone(Transport transport) {
        App original = app(builder -> {});
        App overridden = original.withDependencyOverrides(Map.of("db", Provide.of(() -> "lambda-db")));
        try (TestClient client = Clients.open(overridden, transport)) {
            assertThat(answers(client)).isEqualTo(everywhere("lambda-db"));
        }
        try (TestClient client = Clients.open(original, transport)) {
            assertThat(client.get("/router/handler").text()).isEqualTo("handler-db");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void overridesAccumulateAndTheLastOneForAKeyWins(Transport transport) {
        App app = app(builder -> builder.dependencyOverrides(Map.of("db", Provide.value("builder-db"))))
                .withDependencyOverrides(Map.of("service", Provide.value("fake-service")))
                .withDependencyOverrides(Map.of("db", Provide.value("last-db")));
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/router/controller").text()).isEqualTo("last-db");
            assertThat(client.get("/router/service").text()).isEqualTo("fake-service");
        }
    }

    @Test
    void theTestClientTakesOverridesThatBeatEveryLayer() {
        try (TestClient client = TestClient.of(app(builder -> {}), Map.of("db", Provide.value("client-db")))) {
            assertThat(answers(client)).isEqualTo(everywhere("client-db"));
        }
    }

    @Test
    void anOverrideCanSupplyADependencyNoLayerDeclares() {
        App.Builder builder = App.builder().routeHandlers(Route.get("/token", DependencyOverridesTest::token));
        org.assertj.core.api.Assertions.assertThatThrownBy(builder::build).hasMessageContaining("'token'");
        builder.dependencyOverride("token", Provide.value(new Token("t-1")));
        try (TestClient client = TestClient.of(builder.build())) {
            assertThat(client.get("/token").text()).isEqualTo("t-1");
        }
    }

    record Token(String value) {}

    static String token(Token token) {
        return token.value();
    }
}

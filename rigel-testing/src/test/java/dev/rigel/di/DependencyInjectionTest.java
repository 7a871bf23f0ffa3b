package dev.rigel.di;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Param;
import dev.rigel.exceptions.ServiceUnavailableException;
import dev.rigel.http.Request;
import dev.rigel.http.State;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Providers of every form, what they may ask for, and how often they run. */
class DependencyInjectionTest {

    record Greeting(String text) {}

    record Counted(int number) {}

    record Left(Counted counted) {}

    record Right(Counted counted) {}

    /** A class provider: its public constructor's parameters are bound by name. */
    public static class Service {
        private final String description;

        public Service(String prefix, Request request, Greeting greeting) {
            this.description = prefix + " " + greeting.text() + " " + request.path();
        }

        public String description() {
            return description;
        }
    }

    // ---- providers and handlers as method references, whose parameter names Java keeps ----

    static String profile(
            int userId,
            String name,
            @Param(header = "x-lang") String lang,
            Request request,
            State state,
            String prefix) {
        return String.join(
                "|", prefix, Integer.toString(userId), name, lang, request.method(), state.get("site", String.class));
    }

    static String showProfile(String profile) {
        return profile;
    }

    static String useService(Service service) {
        return service.description();
    }

    static Map<String, Object> values(String prefix, Greeting greeting, String requestPath) {
        return Map.of("prefix", prefix, "greeting", greeting.text(), "request_path", requestPath);
    }

    static Left left(Counted counted) {
        return new Left(counted);
    }

    static Right right(Counted counted) {
        return new Right(counted);
    }

    static Map<String, Object> shared(Counted counted, Left left, Right right) {
        return Map.of("number", counted.number(), "same", left.counted() == counted && right.counted() == counted);
    }

    static int cachedNumber(Counted counted) {
        return counted.number();
    }

    static String describeService(String config) {
        return "service with " + config;
    }

    static String useDescribed(String described) {
        return described;
    }

    static String repository(String db) {
        return "repository on " + db;
    }

    static String useRepository(String repository) {
        return repository;
    }

    static String unavailable() {
        throw new ServiceUnavailableException("database is down");
    }

    static String needsUnavailable(String broken) {
        return "never " + broken;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void providersMayBeLambdasValuesAndLambdasTakingReservedTypes(Transport transport) {
        App app = App.builder()
                .dependency("prefix", Provide.of(() -> "pre"))
                .dependency("greeting", Provide.value(new Greeting("hello")))
                .dependency("requestPath", Provide.of((Request request) -> request.path()))
                .routeHandlers(Route.get("/values", DependencyInjectionTest::values))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/values").jsonMap())
                    .isEqualTo(Map.of("prefix", "pre", "greeting", "hello", "request_path", "/values"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMethodReferenceProviderAsksForPathQueryHeaderRequestStateAndOtherDependenciesByName(Transport transport) {
        App app = App.builder()
                .state("site", "rigel.dev")
                .dependency("prefix", Provide.of(() -> "pre"))
                .dependency("profile", Provide.of(DependencyInjectionTest::profile))
                .routeHandlers(Route.get("/users/{user_id:int}", DependencyInjectionTest::showProfile))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse response = client.request("GET", "/users/42")
                    .query("name", "Ada")
                    .header("x-lang", "en")
                    .send();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("pre|42|Ada|en|GET|rigel.dev");

            // a provider's missing query value is reported like a handler's
            TestResponse missing =
                    client.request("GET", "/users/42").header("x-lang", "en").send();
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.text()).contains("name");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aClassProviderIsBuiltThroughItsPublicConstructorWithParametersBoundByName(Transport transport) {
        App app = App.builder()
                .dependency("prefix", Provide.of(() -> "pre"))
                .dependency("greeting", Provide.value(new Greeting("hi")))
                .dependency("service", Provide.of(Service.class))
                .routeHandlers(Route.get("/service", DependencyInjectionTest::useService))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/service").text()).isEqualTo("pre hi /service");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void eachDependencyRunsAtMostOncePerRequestEvenWhenAskedForSeveralTimes(Transport transport) {
        AtomicInteger made = new AtomicInteger();
        App app = App.builder()
                .dependency("counted", Provide.of(() -> new Counted(made.incrementAndGet())))
                .dependency("left", Provide.of(DependencyInjectionTest::left))
                .dependency("right", Provide.of(DependencyInjectionTest::right))
                .routeHandlers(Route.get("/shared", DependencyInjectionTest::shared))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/shared").jsonMap()).isEqualTo(Map.of("number", 1, "same", true));
            assertThat(made).hasValue(1);
            assertThat(client.get("/shared").jsonMap()).isEqualTo(Map.of("number", 2, "same", true));
            assertThat(made).hasValue(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void useCacheMakesOneValueForTheAppsLifetime(Transport transport) {
        AtomicInteger made = new AtomicInteger();
        App app = App.builder()
                .dependency(
                        "counted",
                        Provide.of(() -> new Counted(made.incrementAndGet())).useCache())
                .routeHandlers(
                        Route.get("/cached", DependencyInjectionTest::cachedNumber),
                        Router.builder("/other")
                                .routeHandlers(Route.get("/cached", DependencyInjectionTest::cachedNumber))
                                .build())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/cached").text()).isEqualTo("1");
            assertThat(client.get("/cached").text()).isEqualTo("1");
            assertThat(client.get("/other/cached").text()).isEqualTo("1");
            assertThat(made).hasValue(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aProvidersOwnDependenciesResolveFromTheRoutesLayersWithTheClosestWinning(Transport transport) {
        App app = App.builder()
                .dependency("config", Provide.value("app-config"))
                .dependency("described", Provide.of(DependencyInjectionTest::describeService))
                // declared on the app, but asks for "db", which only the router provides
                .dependency("repository", Provide.of(DependencyInjectionTest::repository))
                .routeHandlers(
                        Route.get("/described", DependencyInjectionTest::useDescribed),
                        Router.builder("/router")
                                .dependency("config", Provide.value("router-config"))
                                .dependency("db", Provide.value("router-db"))
                                .routeHandlers(
                                        Route.get("/described", DependencyInjectionTest::useDescribed),
                                        Route.get("/repository", DependencyInjectionTest::useRepository),
                                        Route.get("/handler", DependencyInjectionTest::useDescribed)
                                                .dependency("config", Provide.value("handler-config")))
                                .build())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/described").text()).isEqualTo("service with app-config");
            assertThat(client.get("/router/described").text()).isEqualTo("service with router-config");
            assertThat(client.get("/router/handler").text()).isEqualTo("service with handler-config");
            assertThat(client.get("/router/repository").text()).isEqualTo("repository on router-db");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aProviderThatThrowsAnHttpExceptionAnswersWithIt(Transport transport) {
        App app = App.builder()
                .dependency("broken", Provide.of(DependencyInjectionTest::unavailable))
                .routeHandlers(Route.get("/broken", DependencyInjectionTest::needsUnavailable))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse response = client.get("/broken");
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.jsonMap()).isEqualTo(Map.of("status_code", 503, "detail", "database is down"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void dependenciesNobodyAsksForDoNotRun(Transport transport) {
        AtomicInteger made = new AtomicInteger();
        App app = App.builder()
                .dependency("counted", Provide.of(() -> new Counted(made.incrementAndGet())))
                .routeHandlers(
                        Route.get("/plain", () -> "plain"), Route.get("/cached", DependencyInjectionTest::cachedNumber))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/plain").text()).isEqualTo("plain");
            assertThat(client.get("/plain").text()).isEqualTo("plain");
            assertThat(made).hasValue(0);
            assertThat(client.get("/cached").text()).isEqualTo("1");
            assertThat(made).hasValue(1);
        }
    }
}

package dev.rigel.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.di.Outcome;
import dev.rigel.di.Provide;
import dev.rigel.di.Scoped;
import dev.rigel.testing.TestClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Startup and shutdown: hooks, lifespan resources, and app-lifetime dependency values. */
class LifecycleTest {

    static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    record Pool(String name) {}

    static String usePool(Pool pool) {
        EVENTS.add("handler uses " + pool.name());
        return pool.name();
    }

    static Scoped<Pool> pool() {
        EVENTS.add("pool opened");
        return Scoped.of(
                new Pool("pool"), outcome -> EVENTS.add("pool closed: " + (outcome.failed() ? "failed" : "success")));
    }

    private static AutoCloseable resource(String name) {
        EVENTS.add("open " + name);
        return () -> EVENTS.add("close " + name);
    }

    @Test
    void startupAndShutdownHooksRunWhenTheTestClientOpensAndCloses() {
        EVENTS.clear();
        App app = App.builder()
                .onStartup(started -> EVENTS.add("startup 1 " + (started.state() != null)))
                .onStartup(started -> EVENTS.add("startup 2"))
                .onShutdown(stopped -> EVENTS.add("shutdown 1"))
                .onShutdown(stopped -> EVENTS.add("shutdown 2"))
                .routeHandlers(Route.get("/ping", () -> {
                    EVENTS.add("request");
                    return "pong";
                }))
                .build();
        assertThat(EVENTS).isEmpty();
        TestClient client = TestClient.of(app);
        assertThat(EVENTS).containsExactly("startup 1 true", "startup 2");
        assertThat(client.get("/ping").text()).isEqualTo("pong");
        client.close();
        assertThat(EVENTS).containsExactly("startup 1 true", "startup 2", "request", "shutdown 1", "shutdown 2");

        client.close();
        assertThat(EVENTS).hasSize(5);
        assertThatThrownBy(() -> client.get("/ping"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void lifespanResourcesOpenAtStartupAndCloseInReverseOrder() {
        EVENTS.clear();
        App app = App.builder()
                .lifespan(started -> resource("database"))
                .lifespan(started -> resource("cache"))
                .lifespan(started -> {
                    EVENTS.add("open broker for " + started.routes().size() + " route(s)");
                    return () -> {
                        EVENTS.add("close broker");
                        throw new IllegalStateException("broker would not close");
                    };
                })
                .routeHandlers(Route.get("/ping", () -> "pong"))
                .build();
        try (TestClient client = TestClient.of(app)) {
            assertThat(EVENTS).containsExactly("open database", "open cache", "open broker for 1 route(s)");
            assertThat(client.get("/ping").text()).isEqualTo("pong");
        }
        // a resource that fails to close is logged; the others still close
        assertThat(EVENTS)
                .containsExactly(
                        "open database",
                        "open cache",
                        "open broker for 1 route(s)",
                        "close broker",
                        "close cache",
                        "close database");
    }

    @Test
    void shutdownClosesCachedScopedValuesOnce() {
        EVENTS.clear();
        App app = App.builder()
                .dependency("pool", Provide.of(LifecycleTest::pool).useCache())
                .routeHandlers(Route.get("/pool", LifecycleTest::usePool))
                .build();
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/pool").text()).isEqualTo("pool");
            assertThat(client.get("/pool").text()).isEqualTo("pool");
            // an app-lifetime value outlives its requests
            assertThat(EVENTS).containsExactly("pool opened", "handler uses pool", "handler uses pool");
        }
        assertThat(EVENTS)
                .containsExactly("pool opened", "handler uses pool", "handler uses pool", "pool closed: success");
    }

    static Scoped<Pool> sessions(dev.rigel.http.State state) {
        EVENTS.add("sessions opened on " + state.get("database", String.class));
        return Scoped.of(new Pool("sessions"), outcome -> EVENTS.add("sessions closed"));
    }

    @Test
    void cachedValuesMadeDuringRequestsCloseBeforeTheLifespanResourcesTheyWereBuiltOn() {
        EVENTS.clear();
        App app = App.builder()
                .lifespan(started -> {
                    started.state().put("database", "db");
                    return resource("database");
                })
                .dependency("pool", Provide.of(LifecycleTest::sessions).useCache())
                .routeHandlers(Route.get("/pool", LifecycleTest::usePool))
                .build();
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/pool").text()).isEqualTo("sessions");
        }
        assertThat(EVENTS)
                .containsExactly(
                        "open database",
                        "sessions opened on db",
                        "handler uses sessions",
                        "sessions closed",
                        "close database");
    }

    @Test
    void aFailingStartupHookFailsOpeningTheClientAndReleasesWhatWasOpened() {
        EVENTS.clear();
        App app = App.builder()
                .onStartup(started -> {
                    EVENTS.add("startup");
                    throw new IllegalStateException("no database");
                })
                .onShutdown(stopped -> EVENTS.add("shutdown"))
                .routeHandlers(Route.get("/ping", () -> "pong"))
                .build();
        assertThatThrownBy(() -> TestClient.of(app))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("startup failed")
                .hasRootCauseMessage("no database");
        assertThat(EVENTS).containsExactly("startup", "shutdown");
    }

    @Test
    void startupRunsOnceUntilShutdown() {
        AtomicInteger startups = new AtomicInteger();
        AtomicInteger shutdowns = new AtomicInteger();
        App app = App.builder()
                .onStartup(started -> startups.incrementAndGet())
                .onShutdown(stopped -> shutdowns.incrementAndGet())
                .routeHandlers(Route.get("/ping", () -> "pong"))
                .build();
        app.startup();
        app.startup();
        assertThat(startups).hasValue(1);
        app.shutdown();
        app.shutdown();
        assertThat(shutdowns).hasValue(1);
        app.startup();
        assertThat(startups).hasValue(2);
        app.shutdown();
    }

    @Test
    void outcomeReportsSuccessOrTheFailure() {
        assertThat(Outcome.success().failed()).isFalse();
        assertThat(Outcome.success().error()).isEmpty();
        IllegalStateException failure = new IllegalStateException("x");
        assertThat(Outcome.failed(failure).failed()).isTrue();
        assertThat(Outcome.failed(failure).error()).containsSame(failure);
    }
}

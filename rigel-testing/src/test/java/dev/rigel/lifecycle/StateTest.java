package dev.rigel.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.di.Provide;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.State;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** App-level state: typed access, and injection into handlers and providers as {@code state}. */
class StateTest {

    @Test
    void stateGivesTypedAccess() {
        State state = new State(Map.of("name", "rigel"));
        state.put("port", 8000);

        assertThat(state.get("name", String.class)).isEqualTo("rigel");
        assertThat(state.get("port", Integer.class)).isEqualTo(8000);
        assertThat(state.find("port", Integer.class)).contains(8000);
        assertThat(state.find("port", String.class)).isEmpty();
        assertThat(state.find("absent", String.class)).isEqualTo(Optional.empty());
        assertThat(state.contains("name")).isTrue();

        assertThatThrownBy(() -> state.get("absent", String.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'absent'");
        assertThatThrownBy(() -> state.get("port", String.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'port'")
                .hasMessageContaining("java.lang.Integer")
                .hasMessageContaining("java.lang.String");

        assertThat(state.computeIfAbsent("counter", key -> new AtomicInteger(5)).get())
                .isEqualTo(5);
        assertThat(state.<AtomicInteger>computeIfAbsent("counter", key -> new AtomicInteger(99))
                        .get())
                .isEqualTo(5);

        state.put("name", null);
        assertThat(state.contains("name")).isFalse();
        assertThat(state.remove("port")).isEqualTo(8000);
        assertThat(state.asMap()).containsOnlyKeys("counter");
        assertThatThrownBy(() -> state.asMap().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    static String site(State state) {
        return state.get("site", String.class);
    }

    static int hit(State state) {
        return state.<AtomicInteger>computeIfAbsent("hits", key -> new AtomicInteger())
                .incrementAndGet();
    }

    static String greeting(State state, String name) {
        return state.get("greeting", String.class) + ", " + name;
    }

    static String greet(String greeter) {
        return greeter;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void stateIsInjectedIntoHandlersAndProvidersByName(Transport transport) {
        App app = App.builder()
                .state("site", "rigel.dev")
                .state("greeting", "Hello")
                .dependency("greeter", Provide.of(StateTest::greeting))
                .routeHandlers(
                        Route.get("/site", StateTest::site),
                        Route.get("/hits", StateTest::hit),
                        Route.get("/greet", StateTest::greet),
                        Route.get(
                                "/typed",
                                (State state) -> state.get("site", String.class).length()))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/site").text()).isEqualTo("rigel.dev");
            assertThat(client.get("/greet?name=Ada").text()).isEqualTo("Hello, Ada");
            assertThat(client.get("/typed").text()).isEqualTo("9");
            assertThat(client.get("/hits").text()).isEqualTo("1");
            assertThat(client.get("/hits").text()).isEqualTo("2");
        }
        // handlers share the app's one State
        assertThat(app.state().get("hits", AtomicInteger.class)).hasValue(2);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void startupHooksCanFillTheStateHandlersRead(Transport transport) {
        App app = App.builder()
                .state(new State(Map.of("greeting", "Hi")))
                .onStartup(started -> started.state().put("site", "filled at startup"))
                .routeHandlers(Route.get("/site", StateTest::site))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/site").text()).isEqualTo("filled at startup");
        }
        assertThat(app.state().get("greeting", String.class)).isEqualTo("Hi");
    }

    static String wrongState(Map<String, Object> state) {
        return "never";
    }

    @Test
    void aParameterNamedStateMustBeAState() {
        App.Builder builder = App.builder().routeHandlers(Route.get("/state", StateTest::wrongState));
        assertThatThrownBy(builder::build)
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("'state'")
                .hasMessageContaining("reserved");
    }
}

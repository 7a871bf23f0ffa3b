package dev.rigel.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.InitPlugin;
import dev.rigel.Route;
import dev.rigel.di.Provide;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Init plugins configure the app before it is built; plugins are found again by type. */
class PluginTest {

    /** Adds a route, a dependency and a startup hook, the way a real plugin (channels, JPA) does. */
    static final class GreetingPlugin implements InitPlugin {
        final String greeting;
        final AtomicInteger initialised = new AtomicInteger();
        final List<String> events = new CopyOnWriteArrayList<>();

        GreetingPlugin(String greeting) {
            this.greeting = greeting;
        }

        @Override
        public void onAppInit(App.Builder app) {
            initialised.incrementAndGet();
            app.dependency("greeting", Provide.value(greeting))
                    .routeHandlers(
                            Route.get("/greet/{name:str}", (String greeting, String name) -> greeting + ", " + name))
                    .onStartup(started ->
                            events.add("started with " + started.plugins().get(GreetingPlugin.class).greeting));
        }
    }

    /** A plugin that is not an init plugin: only looked up. */
    record Settings(String value) implements Plugin {}

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anInitPluginAddsRoutesDependenciesAndHooks(Transport transport) {
        GreetingPlugin plugin = new GreetingPlugin("Hello");
        App app = App.builder().plugins(plugin).build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/greet/Ada").text()).isEqualTo("Hello, Ada");
            assertThat(plugin.events).containsExactly("started with Hello");
        }
    }

    @Test
    void aLayerOfTheUserStillOverridesWhatAPluginRegistered() {
        // the plugin's dependency is registered on the app layer, so a router's own value wins
        App app = App.builder()
                .plugins(new GreetingPlugin("Hello"))
                .routeHandlers(dev.rigel.Router.builder("/local")
                        .dependency("greeting", Provide.value("Hi"))
                        .routeHandlers(
                                Route.get("/{name:str}", (String greeting, String name) -> greeting + " " + name))
                        .build())
                .build();
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/local/Bo").text()).isEqualTo("Hi Bo");
            assertThat(client.get("/greet/Bo").text()).isEqualTo("Hello, Bo");
        }
    }

    @Test
    void pluginsAreFoundByTypeInRegistrationOrder() {
        GreetingPlugin first = new GreetingPlugin("a");
        Settings settings = new Settings("x");
        App app = App.builder().plugins(settings, first).build();

        assertThat(app.plugins().get(GreetingPlugin.class)).isSameAs(first);
        assertThat(app.plugins().find(Settings.class)).contains(settings);
        assertThat(app.plugins().allOf(Plugin.class)).containsExactly(settings, first);
        assertThat(app.plugins().all()).containsExactly(settings, first);
        assertThat(app.plugins().find(Runnable.class)).isEmpty();
        assertThatThrownBy(() -> app.plugins().get(Runnable.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("java.lang.Runnable")
                .hasMessageContaining("Settings")
                .hasMessageContaining("GreetingPlugin");
    }

    @Test
    void aPluginMayRegisterAnotherPluginWhichIsInitialisedToo() {
        GreetingPlugin inner = new GreetingPlugin("Inner");
        InitPlugin outer = app -> app.plugins(inner);
        App app = App.builder().plugins(outer).build();

        assertThat(inner.initialised).hasValue(1);
        assertThat(app.plugins().all()).containsExactly(outer, inner);
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/greet/x").text()).isEqualTo("Inner, x");
        }
    }

    @Test
    void buildingTwiceInitialisesEachPluginOnce() {
        GreetingPlugin plugin = new GreetingPlugin("Hello");
        App.Builder builder = App.builder().plugins(plugin);
        builder.build();
        App second = builder.build();

        assertThat(plugin.initialised).hasValue(1);
        try (TestClient client = TestClient.of(second)) {
            assertThat(client.get("/greet/x").text()).isEqualTo("Hello, x");
        }
    }

    @Test
    void dependencyOverridesKeepThePlugins() {
        GreetingPlugin plugin = new GreetingPlugin("Hello");
        App app = App.builder().plugins(plugin).build();
        try (TestClient client = TestClient.of(app, java.util.Map.of("greeting", Provide.value("Yo")))) {
            assertThat(client.get("/greet/x").text()).isEqualTo("Yo, x");
            assertThat(client.app().plugins().get(GreetingPlugin.class)).isSameAs(plugin);
        }
    }
}

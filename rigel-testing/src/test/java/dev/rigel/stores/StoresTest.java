package dev.rigel.stores;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.di.Provide;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Handlers and providers reach the app's named stores; the app closes them at shutdown. */
class StoresTest {

    static long visit(StoreRegistry stores, String name) {
        return stores.get("visits").increment(name, Duration.ofMinutes(1));
    }

    static String saveNote(Store notes, String key, String data) {
        notes.set(key, data, Duration.ofMinutes(1));
        return "saved";
    }

    static String readNote(Store notes, String key) {
        return notes.getString(key).orElseThrow(() -> new NotFoundException("No note " + key));
    }

    static App app(StoreRegistry registry) {
        return App.builder()
                .routeHandlers(
                        Route.get("/visit/{name:str}", StoresTest::visit),
                        Route.post("/notes/{key:str}", StoresTest::saveNote).status(200),
                        Route.get("/notes/{key:str}", StoresTest::readNote))
                .dependency("notes", Provide.of((StoreRegistry stores) -> stores.get("notes")))
                .stores(registry)
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void handlersAndProvidersUseTheAppsStores(Transport transport) {
        App app = app(new StoreRegistry());
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/visit/alice").text()).isEqualTo("1");
            assertThat(client.get("/visit/alice").text()).isEqualTo("2");
            assertThat(client.get("/visit/bob").text()).isEqualTo("1");
            assertThat(app.stores().get("visits").getString("alice"))
                    .as("the same store, through the app")
                    .contains("2");

            assertThat(client.get("/notes/todo").status()).isEqualTo(404);
            assertThat(client.request("POST", "/notes/todo")
                            .text("buy milk")
                            .send()
                            .text())
                    .isEqualTo("saved");
            assertThat(client.get("/notes/todo").text()).isEqualTo("buy milk");
            assertThat(app.stores().get("notes").expiresIn("todo")).isPresent();
            assertThat(app.stores().get("notes")).isInstanceOf(MemoryStore.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theDefaultFactoryMovesEveryStore(Transport transport, @TempDir Path dir) {
        FileStore files = new FileStore(dir);
        App app = app(StoreRegistry.withDefaultFactory(files::withNamespace));
        try (TestClient client = Clients.open(app, transport)) {
            client.get("/visit/carol");
            client.request("POST", "/notes/n1").text("on disk").send();
        }
        assertThat(files.withNamespace("visits").getString("carol")).contains("1");
        assertThat(files.withNamespace("notes").getString("n1")).contains("on disk");
    }

    @Test
    void closeableStoresAreClosedAtShutdown() {
        AtomicBoolean closed = new AtomicBoolean();
        Store memory = new MemoryStore();
        Store closeable = (Store) Proxy.newProxyInstance(
                Store.class.getClassLoader(),
                new Class<?>[] {Store.class, AutoCloseable.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        closed.set(true);
                        return null;
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        App app = app(new StoreRegistry().register("visits", closeable));
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/visit/dave").text()).isEqualTo("1");
            assertThat(closed).isFalse();
        }
        assertThat(closed).as("closed when the app shut down").isTrue();
        assertThat(memory.getString("dave")).contains("1");
    }
}

package dev.rigel.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The JUnit 5 extension builds the {@code @TestApp} app and hands each test an open client, closed afterwards. */
@ExtendWith(RigelExtension.class)
class RigelExtensionTest {

    static final AtomicInteger BUILT = new AtomicInteger();
    static final AtomicInteger STARTED = new AtomicInteger();
    static final AtomicInteger STOPPED = new AtomicInteger();

    @TestApp
    static App app() {
        BUILT.incrementAndGet();
        return App.builder()
                .onStartup(app -> STARTED.incrementAndGet())
                .onShutdown(app -> STOPPED.incrementAndGet())
                .routeHandlers(Route.get("/health", () -> Map.of("status", "ok")))
                .build();
    }

    private static int openClients() {
        return STARTED.get() - STOPPED.get();
    }

    @Test
    void injectsAnOpenTestClientForTheTestApp(TestClient client) {
        assertThat(openClients()).isEqualTo(1);
        assertThat(client.get("/health").jsonMap()).isEqualTo(Map.of("status", "ok"));
    }

    @Test
    void injectsAnAsyncTestClient(AsyncTestClient client) {
        assertThat(openClients()).isEqualTo(1);
        assertThat(client.get("/health").join().jsonMap()).isEqualTo(Map.of("status", "ok"));
    }

    @Test
    void eachParameterGetsItsOwnClientAndApp(TestClient first, TestClient second) {
        assertThat(first).isNotSameAs(second);
        assertThat(first.app()).isNotSameAs(second.app());
        assertThat(openClients()).isEqualTo(2);
        assertThat(first.get("/health").status()).isEqualTo(200);
        assertThat(second.get("/health").status()).isEqualTo(200);
    }

    @Nested
    class NestedTests {
        @Test
        void nestedTestClassesUseTheEnclosingClassesTestApp(TestClient client) {
            assertThat(openClients()).isEqualTo(1);
            assertThat(client.get("/health").status()).isEqualTo(200);
        }
    }

    @AfterAll
    static void everyClientWasClosedAfterItsTest() {
        // JUnit runs the nested class before this class's @AfterAll
        assertThat(BUILT).hasValue(5);
        assertThat(STARTED).hasValue(5);
        assertThat(STOPPED).hasValue(5);
    }
}

package dev.rigel.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.annotation.Get;
import dev.rigel.protocol.Scope;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import org.junit.jupiter.api.Test;

/**
 * Handlers run on virtual threads unless they declare they never block; then the server may run
 * them on its event loop. The app tells the server which through {@code runsInline}.
 */
class DispatchTest {

    public static class Annotated {
        @Get(value = "/annotated-inline", nonBlocking = true)
        public boolean inline() {
            return Thread.currentThread().isVirtual();
        }
    }

    private static App app() {
        return App.builder()
                .routeHandlers(Annotated.class,
                        Route.get("/inline", () -> Thread.currentThread().isVirtual()).nonBlocking(),
                        Route.get("/blocking", () -> Thread.currentThread().isVirtual()))
                .build();
    }

    @Test
    void theAppTellsTheServerWhatMayRunInline() {
        App app = app();
        assertThat(app.runsInline(Scope.http("GET", "/inline").build())).isTrue();
        assertThat(app.runsInline(Scope.http("GET", "/annotated-inline").build())).isTrue();
        assertThat(app.runsInline(Scope.http("GET", "/blocking").build())).isFalse();
        // answers the framework gives by itself never block
        assertThat(app.runsInline(Scope.http("GET", "/missing").build())).isTrue();
        assertThat(app.runsInline(Scope.http("POST", "/blocking").build())).isTrue();
        assertThat(app.runsInline(Scope.http("OPTIONS", "/blocking").build())).isTrue();
    }

    @Test
    void nonBlockingHandlersRunOnTheEventLoopOthersOnVirtualThreads() {
        try (TestClient client = Clients.open(app(), Transport.REAL_SERVER)) {
            assertThat(client.get("/inline").text()).isEqualTo("false");
            assertThat(client.get("/annotated-inline").text()).isEqualTo("false");
            assertThat(client.get("/blocking").text()).isEqualTo("true");
        }
    }
}

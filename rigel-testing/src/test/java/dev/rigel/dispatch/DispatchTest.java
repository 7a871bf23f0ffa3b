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
                .routeHandlers(
                        Annotated.class,
                        Route.get("/inline", () -> Thread.currentThread().isVirtual())
                                .nonBlocking(),
                        Route.get("/blocking", () -> Thread.currentThread().isVirtual()))
                .build();
    }

    @Test
    void theAppTellsTheServerWhatMayRunInline() {
        App app = app();
        assertThat(app.runsInline(Scope.http("GET", "/inline").build())).isTrue();
        assertThat(app.runsInline(Scope.http("GET", "/annotated-inline").build()))
                .isTrue();
        assertThat(app.runsInline(Scope.http("GET", "/blocking").build())).isFalse();
        // answers the framework gives by itself never block
        assertThat(app.runsInline(Scope.http("GET", "/missing").build())).isTrue();
        assertThat(app.runsInline(Scope.http("POST", "/blocking").build())).isTrue();
        assertThat(app.runsInline(Scope.http("OPTIONS", "/blocking").build())).isTrue();
    }

    @Test
    void aRouteRunsInlineOnlyIfNoneOfItsMiddlewareMayBlock() {
        dev.rigel.middleware.Middleware mayBlock = next -> next;
        dev.rigel.middleware.Middleware neverBlocks = new dev.rigel.middleware.Middleware() {
            @Override
            public dev.rigel.protocol.Application wrap(dev.rigel.protocol.Application next) {
                return next;
            }

            @Override
            public boolean mayBlock() {
                return false;
            }
        };
        App app = App.builder()
                .routeHandlers(
                        Route.get("/quiet", () -> "q").nonBlocking().middleware(neverBlocks),
                        Route.get("/waits", () -> "w").nonBlocking().middleware(mayBlock))
                .build();
        assertThat(app.runsInline(Scope.http("GET", "/quiet").build())).isTrue();
        assertThat(app.runsInline(Scope.http("GET", "/waits").build())).isFalse();

        App unmatched = App.builder()
                .middleware(mayBlock)
                .alsoForUnmatchedRoutes(mayBlock)
                .routeHandlers(Route.get("/x", () -> "x"))
                .build();
        assertThat(unmatched.runsInline(Scope.http("GET", "/missing").build())).isFalse();
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

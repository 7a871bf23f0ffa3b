package dev.rigel.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.annotation.Get;
import dev.rigel.cache.ResponseCacheConfig;
import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.middleware.Middleware;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Scope;
import dev.rigel.stores.FileStore;
import dev.rigel.stores.StoreRegistry;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

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
        Middleware mayBlock = next -> next;
        Middleware neverBlocks = new Middleware() {
            @Override
            public Application wrap(Application next) {
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

    /** What a bearer check written as a lambda looks like: it waits on nothing. */
    private static Middleware requireHeader() {
        return next -> (scope, receive, send) -> {
            if (scope.headers().get("x-key") == null) {
                throw new NotAuthorizedException("x-key missing");
            }
            next.call(scope, receive, send);
        };
    }

    private static App behindLambdas() {
        Route declared = Route.get("/declared", () -> Thread.currentThread().isVirtual())
                .nonBlocking()
                .middleware(Middleware.nonBlocking(requireHeader()));
        Route undeclared = Route.get("/undeclared", () -> Thread.currentThread().isVirtual())
                .nonBlocking()
                .middleware(requireHeader());
        return App.builder().routeHandlers(declared, undeclared).build();
    }

    @Test
    void aLambdaMiddlewareDeclaredNonBlockingKeepsItsRouteOnTheEventLoop() {
        App app = behindLambdas();
        assertThat(app.runsInline(Scope.http("GET", "/declared").build())).isTrue();
        assertThat(app.runsInline(Scope.http("GET", "/undeclared").build())).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aLambdaMiddlewareDeclaredNonBlockingStillRunsAndAnswers(Transport transport) {
        try (TestClient client = Clients.open(behindLambdas(), transport)) {
            assertThat(client.get("/declared").status()).isEqualTo(401);
            assertThat(client.request("GET", "/declared")
                            .header("x-key", "k")
                            .send()
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void overARealServerTheDeclaredRouteRunsOnTheEventLoopAndTheOtherOnAVirtualThread() {
        try (TestClient client = Clients.open(behindLambdas(), Transport.REAL_SERVER)) {
            assertThat(client.request("GET", "/declared")
                            .header("x-key", "k")
                            .send()
                            .text())
                    .isEqualTo("false");
            assertThat(client.request("GET", "/undeclared")
                            .header("x-key", "k")
                            .send()
                            .text())
                    .isEqualTo("true");
        }
    }

    @Test
    void aDeclaredMiddlewareKeepsItsNameAndOverrideSlot() {
        Middleware named = new Middleware() {
            @Override
            public Application wrap(Application next) {
                return next;
            }

            @Override
            public Object overrideKey() {
                return "slot";
            }

            @Override
            public String toString() {
                return "ApiKeyCheck";
            }
        };
        Middleware declared = Middleware.nonBlocking(named);
        assertThat(declared.mayBlock()).isFalse();
        assertThat(declared.overrideKey()).isEqualTo("slot");
        App app = App.builder()
                .routeHandlers(Route.get("/r", () -> "r").nonBlocking().middleware(declared))
                .build();
        assertThat(app.routes().get(0).middlewareNames()).containsExactly("ApiKeyCheck");
        assertThat(Middleware.nonBlocking(requireHeader()).toString()).isEqualTo("lambda in DispatchTest");
    }

    /** An app, and the lines {@code dev.rigel.handlers} logged (INFO and up) while it was built. */
    private record Built(App app, List<ILoggingEvent> logged) {}

    private static Built buildLogging(Supplier<App> build) {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger handlers = (Logger) LoggerFactory.getLogger("dev.rigel.handlers");
        Level configured = handlers.getLevel();
        handlers.setLevel(Level.INFO); // the tests' logback configuration keeps WARN and above
        handlers.addAppender(logged);
        try {
            return new Built(build.get(), logged.list);
        } finally {
            handlers.detachAppender(logged);
            handlers.setLevel(configured);
        }
    }

    @Test
    void aNonBlockingRouteThatMustRunOnAVirtualThreadSaysWhyOnceAtStartup() {
        List<ILoggingEvent> logged = buildLogging(DispatchTest::behindLambdas).logged();
        assertThat(logged).hasSize(1);
        ILoggingEvent event = logged.get(0);
        assertThat(event.getLevel()).isEqualTo(Level.INFO);
        assertThat(event.getFormattedMessage())
                .contains("GET /undeclared")
                .contains("runs on a virtual thread")
                .contains("middleware lambda in DispatchTest may block")
                .contains("Middleware.nonBlocking");
    }

    @Test
    void aNonBlockingRouteCachedInAStoreThatMayBlockSaysSoAtStartup(@TempDir Path directory) {
        Built built = buildLogging(() -> App.builder()
                .stores(new StoreRegistry().register(ResponseCacheConfig.DEFAULT_STORE, new FileStore(directory)))
                .routeHandlers(Route.get("/cached", () -> "c").nonBlocking().cache(60))
                .build());
        assertThat(built.app().runsInline(Scope.http("GET", "/cached").build())).isFalse();
        assertThat(built.logged())
                .singleElement()
                .extracting(ILoggingEvent::getFormattedMessage)
                .asString()
                .contains("GET /cached")
                .contains("its response cache's store may block");
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

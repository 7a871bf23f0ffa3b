package dev.rigel.events;

import static dev.rigel.testing.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** Listeners run off the request thread when an event is emitted; their failures are only logged. */
class EventsTest {

    record User(long id, String name) {}

    /** A listener object, the way an app groups them. */
    static final class UserListeners {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Listener("user_created")
        void welcome(User user) {
            calls.add("welcome " + user.name() + (Thread.currentThread().isVirtual() ? " on a virtual thread" : ""));
        }

        @Listener({"user_created", "user_deleted"})
        void audit(User user) {
            calls.add("audit " + user.id());
        }

        @Listener("order_placed")
        void order(long orderId, String item, int quantity) {
            calls.add("order " + orderId + " " + quantity + "x " + item);
        }

        @Listener("tagged")
        void tags(String first, String... rest) {
            calls.add(first + " " + List.of(rest));
        }
    }

    /** Listener methods may be static; then the class itself is registered. */
    static final class StaticListeners {
        static final List<String> CALLS = new CopyOnWriteArrayList<>();

        private StaticListeners() {}

        @Listener("user_created")
        static void count(User user) {
            CALLS.add("static " + user.id());
        }
    }

    final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    final Logger background = (Logger) LoggerFactory.getLogger("dev.rigel.background");

    @BeforeEach
    void captureLogs() {
        logged.start();
        background.addAppender(logged);
        StaticListeners.CALLS.clear();
    }

    @AfterEach
    void releaseLogs() {
        background.detachAppender(logged);
    }

    List<String> errors() {
        List<ILoggingEvent> events;
        // listeners log from their own threads; the appender appends while holding its own lock
        synchronized (logged) {
            events = List.copyOf(logged.list);
        }
        return events.stream()
                .map(event -> event.getFormattedMessage()
                        + (event.getThrowableProxy() == null
                                ? ""
                                : ": " + event.getThrowableProxy().getMessage()))
                .toList();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void handlersEmitThroughAnInjectedEmitterAndListenersRunOffTheRequestThread(Transport transport) {
        UserListeners listeners = new UserListeners();
        List<String> lambda = new CopyOnWriteArrayList<>();
        App app = App.builder()
                .listeners(
                        listeners,
                        StaticListeners.class,
                        EventListener.of("user_created", args -> lambda.add("lambda " + ((User) args[0]).name())))
                .routeHandlers(Route.post("/users/{name:str}", (String name, EventEmitter events) -> {
                    User user = new User(7, name);
                    events.emit("user_created", user);
                    return Map.of("thread", Thread.currentThread().getName(), "id", user.id());
                }))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse response = client.post("/users/ada", null);
            assertThat(response.status()).isEqualTo(201);
            eventually(() -> {
                assertThat(listeners.calls).containsExactlyInAnyOrder("welcome ada on a virtual thread", "audit 7");
                assertThat(StaticListeners.CALLS).containsExactly("static 7");
                assertThat(lambda).containsExactly("lambda ada");
            });
        }
    }

    @Test
    void appEmitMatchesArgumentsByPositionAndGathersVarargs() {
        UserListeners listeners = new UserListeners();
        App app = App.builder().listeners(listeners).build();
        try (TestClient client = TestClient.of(app)) {
            app.emit("order_placed", 42L, "tea", 3);
            app.emit("user_deleted", new User(9, "bo"));
            app.emit("tagged", "a", "b", "c");
            app.emit("tagged", "only");
            eventually(() -> assertThat(listeners.calls)
                    .containsExactlyInAnyOrder("order 42 3x tea", "audit 9", "a [b, c]", "only []"));
        }
    }

    @Test
    void listenerFailuresAndMismatchedArgumentsAreLoggedAndNeverReachTheCaller() {
        List<String> ran = new CopyOnWriteArrayList<>();
        UserListeners listeners = new UserListeners();
        App app = App.builder()
                .listeners(
                        listeners,
                        EventListener.of("user_created", args -> {
                            throw new IllegalStateException("mail server down");
                        }),
                        EventListener.of("user_created", args -> ran.add("the others still run")))
                .routeHandlers(Route.get("/emit", (EventEmitter events) -> {
                    events.emit("user_created", new User(1, "x"));
                    events.emit("order_placed", "not a number", "tea", 1);
                    events.emit("user_deleted");
                    return "emitted";
                }))
                .build();
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/emit").text()).isEqualTo("emitted");
            eventually(() -> {
                assertThat(ran).containsExactly("the others still run");
                assertThat(errors())
                        .anySatisfy(line -> assertThat(line)
                                .contains("Listener EventListener[user_created] of event 'user_created' failed")
                                .contains("mail server down"));
                assertThat(errors())
                        .anySatisfy(line -> assertThat(line)
                                .contains(
                                        "UserListeners.order: argument 1 of event 'order_placed' is a java.lang.String,"
                                                + " but the parameter is a long"));
                assertThat(errors())
                        .anySatisfy(
                                line -> assertThat(line)
                                        .contains(
                                                "UserListeners.audit takes 1 argument(s) but event 'user_deleted' was emitted with 0"));
            });
            assertThat(listeners.calls).doesNotContain("order");
        }
    }

    @Test
    void emittingAnEventNobodyListensToFailsLoudly() {
        App app = App.builder()
                .listeners(new UserListeners())
                .routeHandlers(Route.get("/typo", (EventEmitter events) -> {
                    events.emit("user_craeted", 1);
                    return "never";
                }))
                .build();
        assertThatThrownBy(() -> app.emit("user_craeted"))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("'user_craeted'")
                .hasMessageContaining("known events: [order_placed, tagged, user_created, user_deleted]");
        try (TestClient client = TestClient.of(app).raiseServerExceptions(false)) {
            assertThat(client.get("/typo").status()).isEqualTo(500);
        }
    }

    @Test
    void whatIsNotAListenerFailsTheBuild() {
        assertThatThrownBy(() -> App.builder().listeners("just a string").build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("java.lang.String is not a listener");
        assertThatThrownBy(() -> EventListener.of(List.of(), args -> {})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shutdownWaitsForRunningListenersBeforeItsHooks() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        App app = App.builder()
                .listeners(EventListener.of("slow", args -> {
                    Thread.sleep(300);
                    order.add("listener finished");
                }))
                .onShutdown(a -> order.add("shutdown hook"))
                .build();
        TestClient client = TestClient.of(app);
        app.emit("slow");
        client.close();
        assertThat(order).containsExactly("listener finished", "shutdown hook");
    }

    @Test
    void shutdownWaitsOnlyAsLongAsTheDrainTimeout() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        App app = App.builder()
                .shutdownDrainTimeout(Duration.ofMillis(200))
                .listeners(EventListener.of("stuck", args -> never.await(30, TimeUnit.SECONDS)))
                .build();
        TestClient client = TestClient.of(app);
        app.emit("stuck");
        long start = System.nanoTime();
        client.close();
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
        never.countDown();
        assertThat(waited).isBetween(150L, 5000L);
    }
}

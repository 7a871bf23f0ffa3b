package dev.rigel.responses;

import static dev.rigel.testing.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.di.Provide;
import dev.rigel.di.Scoped;
import dev.rigel.http.Response;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Scope;
import dev.rigel.response.Stream;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Background tasks run once the response has been sent; their failures are only logged. */
class BackgroundTaskTest {

    /** Calls the app through the protocol, recording the messages sent and the tasks run in one list. */
    static List<String> callRecording(App app, String path, List<String> events) throws Exception {
        app.startup();
        try {
            Scope scope = Scope.http("GET", path).headers(new Headers()).build();
            boolean[] sent = {false};
            app.call(
                    scope,
                    () -> {
                        if (!sent[0]) {
                            sent[0] = true;
                            return new Message.RequestBody(Message.EMPTY, false);
                        }
                        return Message.Disconnect.INSTANCE;
                    },
                    message -> events.add(
                            switch (message) {
                                case Message.ResponseStart start -> "start " + start.status();
                                case Message.ResponseBody body -> body.moreBody() ? "chunk" : "last body";
                                default -> message.toString();
                            }));
            return events;
        } finally {
            app.shutdown();
        }
    }

    @Test
    void tasksRunAfterTheLastBodyMessageInOrder() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        App app = App.builder()
                .routeHandlers(
                        Route.get(
                                "/whole",
                                () -> Response.of("done")
                                        .background(() -> events.add("task 1"))
                                        .background(() -> events.add("task 2"))),
                        Route.get(
                                "/stream",
                                () -> Response.of(Stream.of(List.of("a", "b", "c")))
                                        .background(() -> events.add("task after stream"))))
                .afterResponse(request -> events.add("after_response hook"))
                .build();

        assertThat(callRecording(app, "/whole", events))
                .containsExactly("start 200", "last body", "task 1", "task 2", "after_response hook");
        events.clear();
        assertThat(callRecording(app, "/stream", events))
                .containsExactly(
                        "start 200",
                        "chunk",
                        "chunk",
                        "chunk",
                        "last body",
                        "task after stream",
                        "after_response hook");
    }

    @Test
    void overARealServerTheClientHasTheResponseWhileTheTaskStillRuns() {
        CountDownLatch clientHasIt = new CountDownLatch(1);
        List<String> outcome = new CopyOnWriteArrayList<>();
        App app = App.builder()
                .routeHandlers(Route.get(
                        "/slow-task",
                        () -> Response.of("sent")
                                .background(() ->
                                        // if the server held the response back until the task ended, this would time
                                        // out
                                        outcome.add(
                                                clientHasIt.await(5, TimeUnit.SECONDS)
                                                        ? "ran after the client got it"
                                                        : "timed out"))))
                .build();
        try (TestClient client = Clients.open(app, Transport.REAL_SERVER)) {
            TestResponse response = client.get("/slow-task");
            assertThat(response.text()).isEqualTo("sent");
            clientHasIt.countDown();
            eventually(() -> assertThat(outcome).containsExactly("ran after the client got it"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFailingTaskIsLoggedAndTheNextStillRuns(Transport transport) {
        List<String> ran = new CopyOnWriteArrayList<>();
        App app = App.builder()
                .routeHandlers(Route.post(
                        "/signup",
                        () -> Response.of("welcome")
                                .background(() -> {
                                    throw new IllegalStateException("mail server down");
                                })
                                .background(() -> ran.add("audit written"))))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse response = client.post("/signup", null);
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.text()).isEqualTo("welcome");
            eventually(() -> assertThat(ran).containsExactly("audit written"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void tasksDoNotRunWhenTheResponseWasReplacedByAnError(Transport transport) {
        List<String> ran = new CopyOnWriteArrayList<>();
        App app = App.builder()
                .routeHandlers(
                        Route.get("/tx", (String tx) -> Response.of(tx).background(() -> ran.add("task")))
                                .dependency(
                                        "tx",
                                        Provide.of(() -> Scoped.of("tx", outcome -> {
                                            throw new IllegalStateException("commit failed");
                                        }))),
                        Route.get("/fine", () -> Response.of("ok").background(() -> ran.add("fine task"))))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/tx").status()).isEqualTo(500);
            assertThat(client.get("/fine").status()).isEqualTo(200);
            eventually(() -> assertThat(ran).containsExactly("fine task"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aNonBlockingRouteRunsItsTasksOnAVirtualThread(Transport transport) {
        List<String> ran = new CopyOnWriteArrayList<>();
        App app = App.builder()
                .routeHandlers(Route.get("/fast", () -> {
                            String requestThread = Thread.currentThread().getName();
                            return Response.of("fast")
                                    .background(() -> ran.add(
                                            Thread.currentThread().isVirtual()
                                                            && !Thread.currentThread()
                                                                    .getName()
                                                                    .equals(requestThread)
                                                    ? "own virtual thread"
                                                    : "request thread " + requestThread));
                        })
                        .nonBlocking())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/fast").text()).isEqualTo("fast");
            eventually(() -> assertThat(ran).containsExactly("own virtual thread"));
        }
    }
}

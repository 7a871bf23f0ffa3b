package dev.rigel.websocket;

import static dev.rigel.testing.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.WebSocketRoute;
import dev.rigel.annotation.WebSocket;
import dev.rigel.dto.DTOConfig;
import dev.rigel.dto.RecordDTO;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.WebSocketRejectedException;
import dev.rigel.testing.WebSocketTestSession;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * WebSocket streams (Litestar's {@code websocket_stream}): a {@code @WebSocket} handler (or a
 * {@code WebSocketRoute.stream}) returns an Iterator, Iterable or Stream and Rigel sends each
 * element, closes with 1000 at the end, and stops pulling (and closes the source) when the client
 * leaves; a message from the client closes with 1003 unless the route allows discarding it.
 * Every behaviour runs in-process and over Rigel's server ({@code TestClient.live}).
 */
class WebSocketStreamTest {

    enum Transport {
        IN_PROCESS,
        LIVE
    }

    static TestClient open(App app, Transport transport) {
        return transport == Transport.IN_PROCESS
                ? TestClient.of(app).raiseServerExceptions(false)
                : TestClient.live(app);
    }

    record Tick(int n, String label) {}

    record Account(long id, String owner, String secret) {}

    static class PublicAccountDTO extends RecordDTO<Account> {
        PublicAccountDTO() {
            super(DTOConfig.builder().exclude("secret").build());
        }
    }

    /** An endless source that counts what was pulled from it and whether it was closed. */
    static final class Endless implements Iterator<Integer>, AutoCloseable {
        final AtomicInteger pulled = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public Integer next() {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                throw new CancellationException("interrupted");
            }
            return pulled.incrementAndGet();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    /** A source that waits on a queue for each element, as a subscription to rare events would. */
    static final class Waiting implements Iterator<String>, AutoCloseable {
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        final AtomicInteger pulls = new AtomicInteger();
        final AtomicBoolean interrupted = new AtomicBoolean();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public String next() {
            pulls.incrementAndGet();
            try {
                return queue.take();
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw new CancellationException("interrupted while waiting");
            }
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    public static class Streams extends Controller {
        final Endless endless = new Endless();
        final Endless discarding = new Endless();
        final Waiting waiting = new Waiting();
        final Waiting waitingInterruptible = new Waiting();
        final AtomicBoolean streamClosed = new AtomicBoolean();

        public Streams() {
            super("/streams");
        }

        @WebSocket("/mixed")
        public Iterator<Object> mixed() {
            return List.<Object>of("text", new Tick(1, "one"), new byte[] {1, 2, 3}, 42)
                    .iterator();
        }

        @WebSocket("/ticks/{count:int}")
        public Stream<Tick> ticks(int count) {
            return IntStream.rangeClosed(1, count)
                    .mapToObj(n -> new Tick(n, "t" + n))
                    .onClose(() -> streamClosed.set(true));
        }

        @WebSocket("/list")
        public List<String> list() {
            return List.of("a", "b");
        }

        @WebSocket("/endless")
        public Iterator<Integer> endless() {
            return endless;
        }

        @WebSocket(value = "/discarding", allowDataDiscard = true)
        public Iterator<Integer> discarding() {
            return discarding;
        }

        @WebSocket("/waiting")
        public Iterator<String> waiting() {
            return waiting;
        }

        @WebSocket(value = "/waiting-interruptible", interruptOnDisconnect = true)
        public Iterator<String> waitingInterruptible() {
            return waitingInterruptible;
        }

        /** Accepts itself, with the subprotocol the client asked for, before streaming. */
        @WebSocket("/chosen")
        public Iterator<String> chosen(WebSocketConnection socket) {
            socket.accept("v2.ticks");
            return List.of("chose " + socket.subprotocol()).iterator();
        }

        /** Fails before returning: the handshake is refused with the exception's HTTP answer. */
        @WebSocket("/missing/{id:int}")
        public Iterator<String> missing(int id) {
            throw new NotFoundException("No feed " + id);
        }

        /** Its source fails after two elements: the connection closes with 4500. */
        @WebSocket("/breaks")
        public Iterator<String> breaks() {
            return Stream.of("one", "two", "three")
                    .map(s -> {
                        if (s.equals("three")) {
                            throw new IllegalStateException("the feed broke");
                        }
                        return s;
                    })
                    .iterator();
        }

        @WebSocket(value = "/accounts", returnDto = PublicAccountDTO.class)
        public Iterator<Account> accounts() {
            return List.of(new Account(1, "ada", "s1"), new Account(2, "bob", "s2"))
                    .iterator();
        }

        @WebSocket("/empty")
        public Iterable<String> empty() {
            return List.of();
        }
    }

    static Streams streams;
    static Waiting lambdaSource;

    static App app() {
        streams = new Streams();
        Waiting source = new Waiting();
        lambdaSource = source;
        return App.builder()
                .routeHandlers(
                        streams,
                        WebSocketRoute.stream(
                                "/lambda/{to:int}",
                                (Integer to) -> IntStream.rangeClosed(1, to).boxed()),
                        WebSocketRoute.stream("/lambda-discard", (WebSocketConnection socket) -> source)
                                .allowDataDiscard()
                                .interruptOnDisconnect())
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void eachElementIsSentByItsTypeThenTheConnectionClosesNormally(Transport transport) {
        try (TestClient client = open(app(), transport);
                WebSocketTestSession socket = client.websocketConnect("/streams/mixed")) {
            assertThat(socket.receiveText()).isEqualTo("text");
            assertThat(socket.receiveJson(Map.class)).isEqualTo(Map.of("n", 1, "label", "one"));
            assertThat(socket.receiveBytes()).containsExactly(1, 2, 3);
            assertThat(socket.receiveText()).isEqualTo("42");
            assertThat(socket.awaitClose().code()).isEqualTo(1000);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aJavaStreamIsSentAndClosed(Transport transport) {
        try (TestClient client = open(app(), transport);
                WebSocketTestSession socket = client.websocketConnect("/streams/ticks/3")) {
            for (int n = 1; n <= 3; n++) {
                assertThat(socket.receiveJson(Tick.class)).isEqualTo(new Tick(n, "t" + n));
            }
            assertThat(socket.awaitClose().code()).isEqualTo(1000);
            eventually(() -> assertThat(streams.streamClosed).isTrue());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void iterablesLambdasAndEmptySources(Transport transport) {
        try (TestClient client = open(app(), transport)) {
            try (WebSocketTestSession socket = client.websocketConnect("/streams/list")) {
                assertThat(socket.receiveText()).isEqualTo("a");
                assertThat(socket.receiveText()).isEqualTo("b");
                assertThat(socket.awaitClose().code()).isEqualTo(1000);
            }
            try (WebSocketTestSession socket = client.websocketConnect("/lambda/2")) {
                assertThat(socket.receiveText()).isEqualTo("1");
                assertThat(socket.receiveText()).isEqualTo("2");
                assertThat(socket.awaitClose().code()).isEqualTo(1000);
            }
            try (WebSocketTestSession socket = client.websocketConnect("/streams/empty")) {
                assertThat(socket.awaitClose().code()).isEqualTo(1000);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void whenTheClientLeavesNothingMoreIsPulledAndTheSourceIsClosed(Transport transport) {
        try (TestClient client = open(app(), transport)) {
            try (WebSocketTestSession socket = client.websocketConnect("/streams/endless")) {
                assertThat(socket.receiveText()).isEqualTo("1");
                assertThat(socket.receiveText()).isEqualTo("2");
            }
            eventually(() -> assertThat(streams.endless.closed).isTrue());
            int pulled = streams.endless.pulled.get();
            sleep(100);
            assertThat(streams.endless.pulled.get()).isEqualTo(pulled);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aSourceBlockedInNextIsInterruptedOnlyWhenTheRouteOptsIn(Transport transport) throws Exception {
        try (TestClient client = open(app(), transport)) {
            try (WebSocketTestSession socket = client.websocketConnect("/streams/waiting-interruptible")) {
                streams.waitingInterruptible.queue.add("first");
                assertThat(socket.receiveText()).isEqualTo("first");
                eventually(() -> assertThat(streams.waitingInterruptible.pulls).hasValue(2));
            }
            eventually(() -> assertThat(streams.waitingInterruptible.closed).isTrue());
            assertThat(streams.waitingInterruptible.interrupted).isTrue();

            WebSocketTestSession socket = client.websocketConnect("/streams/waiting");
            streams.waiting.queue.add("first");
            assertThat(socket.receiveText()).isEqualTo("first");
            eventually(() -> assertThat(streams.waiting.pulls).hasValue(2));
            // in-process, closing waits for the app to end, which here waits for the source
            Thread closing = Thread.ofVirtual().start(socket::close);
            sleep(150);
            // not interrupted: it waits until its next element, which is then dropped, not sent
            assertThat(streams.waiting.closed).isFalse();
            streams.waiting.queue.add("after the client left");
            closing.join(Duration.ofSeconds(5));
            eventually(() -> assertThat(streams.waiting.closed).isTrue());
            assertThat(streams.waiting.interrupted).isFalse();
            assertThat(streams.waiting.pulls).hasValue(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMessageFromTheClientClosesWith1003UnlessDiscardIsAllowed(Transport transport) {
        try (TestClient client = open(app(), transport)) {
            try (WebSocketTestSession socket = client.websocketConnect("/streams/endless")) {
                assertThat(socket.receiveText()).isEqualTo("1");
                socket.sendText("hello?");
                WebSocketTestSession.Close close = socket.awaitClose();
                assertThat(close).isEqualTo(new WebSocketTestSession.Close(1003, "This WebSocket only sends"));
            }
            eventually(() -> assertThat(streams.endless.closed).isTrue());

            try (WebSocketTestSession socket = client.websocketConnect("/streams/discarding")) {
                assertThat(socket.receiveText()).isEqualTo("1");
                socket.sendText("ignored");
                socket.sendBytes(new byte[] {9});
                // the stream goes on past the discarded messages
                int seen = 1;
                while (seen < 20) {
                    seen = Integer.parseInt(socket.receiveText());
                }
            }
            eventually(() -> assertThat(streams.discarding.closed).isTrue());

            try (WebSocketTestSession socket = client.websocketConnect("/lambda-discard")) {
                socket.sendText("ignored");
                lambdaSource.queue.add("x");
                assertThat(socket.receiveText()).isEqualTo("x");
                socket.sendText("ignored too");
                lambdaSource.queue.add("y");
                assertThat(socket.receiveText()).isEqualTo("y");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHandlerMayAcceptItselfOrRefuseBeforeStreaming(Transport transport) {
        try (TestClient client = open(app(), transport)) {
            try (WebSocketTestSession socket = client.websocketConnect("/streams/chosen", "v1.ticks", "v2.ticks")) {
                assertThat(socket.subprotocol()).isEqualTo("v2.ticks");
                assertThat(socket.receiveText()).isEqualTo("chose v2.ticks");
                assertThat(socket.awaitClose().code()).isEqualTo(1000);
            }
            assertThatThrownBy(() -> client.websocketConnect("/streams/missing/7"))
                    .isInstanceOfSatisfying(
                            WebSocketRejectedException.class,
                            e -> assertThat(e.status()).isEqualTo(404));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFailingSourceClosesWith4500(Transport transport) {
        try (TestClient client = open(app(), transport);
                WebSocketTestSession socket = client.websocketConnect("/streams/breaks")) {
            assertThat(socket.receiveText()).isEqualTo("one");
            assertThat(socket.receiveText()).isEqualTo("two");
            assertThat(socket.awaitClose()).isEqualTo(new WebSocketTestSession.Close(4500, "Internal Server Error"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void elementsGoThroughTheReturnDTO(Transport transport) {
        try (TestClient client = open(app(), transport);
                WebSocketTestSession socket = client.websocketConnect("/streams/accounts")) {
            assertThat(socket.receiveJson(Map.class)).isEqualTo(Map.of("id", 1, "owner", "ada"));
            assertThat(socket.receiveJson(Map.class)).isEqualTo(Map.of("id", 2, "owner", "bob"));
            assertThat(socket.awaitClose().code()).isEqualTo(1000);
        }
    }

    @Test
    void streamSettingsOnAHandlerThatDoesNotStreamFailTheBuild() {
        class Wrong extends Controller {
            Wrong() {
                super("/");
            }

            @WebSocket(value = "/x", allowDataDiscard = true)
            public void plain(WebSocketConnection socket) {}
        }
        assertThatThrownBy(() -> App.builder().routeHandlers(new Wrong()).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining(
                        "allowDataDiscard and interruptOnDisconnect are for handlers that return a stream");
        assertThatThrownBy(() -> WebSocketRoute.handler("/x", (WebSocketConnection socket) -> {})
                        .allowDataDiscard())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("for streams");
    }

    @Test
    void aStreamOfAnotherTypeThanTheReturnDTOsModelFailsTheBuild() {
        class Wrong extends Controller {
            Wrong() {
                super("/");
            }

            @WebSocket(value = "/x", returnDto = PublicAccountDTO.class)
            public Iterator<Tick> ticks() {
                return List.<Tick>of().iterator();
            }
        }
        assertThatThrownBy(() -> App.builder().routeHandlers(new Wrong()).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("return DTO");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Duration.ofMillis(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

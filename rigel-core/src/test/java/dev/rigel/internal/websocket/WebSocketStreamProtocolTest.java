package dev.rigel.internal.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.WebSocketRoute;
import dev.rigel.internal.json.JsonCodec;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Scope;
import dev.rigel.websocket.WebSocketConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * WebSocket streams at the protocol level, with a scripted server: what goes out for each element,
 * what the app sends when the client leaves or talks, and when the source is closed.
 */
class WebSocketStreamProtocolTest {

    /** Plays the server: the app's receive and send, with a close answered by a disconnect. */
    static final class Server {
        final BlockingQueue<Message> in = new LinkedBlockingQueue<>();
        final BlockingQueue<Message> out = new LinkedBlockingQueue<>();

        void send(Message message) {
            out.add(message);
            if (message instanceof Message.WebSocketClose close) {
                in.add(new Message.WebSocketDisconnect(close.code(), close.reason()));
            }
        }

        Message next() throws InterruptedException {
            Message message = out.poll(5, TimeUnit.SECONDS);
            assertThat(message).as("a message from the app").isNotNull();
            return message;
        }

        Thread connect(App app, String path) {
            in.add(Message.WebSocketConnect.INSTANCE);
            return Thread.ofVirtual().start(() -> {
                try {
                    app.call(Scope.websocket(path).build(), in::take, this::send);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
    }

    /** A source blocked on a queue, interruptible, that records its end. */
    static final class Queued implements Iterator<Object>, AutoCloseable {
        final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        final AtomicInteger pulls = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public Object next() {
            pulls.incrementAndGet();
            try {
                return queue.take();
            } catch (InterruptedException e) {
                throw new CancellationException();
            }
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void eachElementIsOneMessageOfItsKindAndTheEndClosesNormally() throws Exception {
        App app = App.builder()
                .routeHandlers(WebSocketRoute.stream(
                        "/s", (WebSocketConnection socket) -> List.of("hi", new byte[] {7}, List.of(1, 2))))
                .build();
        Server server = new Server();
        Thread running = server.connect(app, "/s");
        assertThat(server.next()).isInstanceOf(Message.WebSocketAccept.class);
        assertThat(text(server.next())).isEqualTo("hi");
        Message.WebSocketSend binary = (Message.WebSocketSend) server.next();
        assertThat(binary.isText()).isFalse();
        assertThat(binary.data()).containsExactly(7);
        assertThat(text(server.next())).isEqualTo("[1,2]");
        assertThat(server.next()).isEqualTo(new Message.WebSocketClose(1000, ""));
        assertThat(running.join(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aDisconnectStopsTheSourceAndInterruptsItOnlyWhenAsked() throws Exception {
        for (boolean interrupt : new boolean[] {true, false}) {
            Queued source = new Queued();
            WebSocketRoute route = WebSocketRoute.stream("/q", (WebSocketConnection socket) -> source);
            if (interrupt) {
                route.interruptOnDisconnect();
            }
            App app = App.builder().routeHandlers(route).build();
            Server server = new Server();
            Thread running = server.connect(app, "/q");
            assertThat(server.next()).isInstanceOf(Message.WebSocketAccept.class);
            source.queue.add("one");
            assertThat(text(server.next())).isEqualTo("one");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (source.pulls.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(5); // until the source waits in its second next()
            }
            server.in.add(new Message.WebSocketDisconnect(1001, ""));
            if (interrupt) {
                assertThat(running.join(Duration.ofSeconds(5))).isTrue();
            } else {
                assertThat(running.join(Duration.ofMillis(200)))
                        .as("blocked in next()")
                        .isFalse();
                source.queue.add("two, never sent");
                assertThat(running.join(Duration.ofSeconds(5))).isTrue();
            }
            assertThat(source.closed).as("closed, interrupt " + interrupt).isTrue();
            assertThat(source.pulls).hasValue(2);
            assertThat(server.out).as("nothing after the client left").isEmpty();
        }
    }

    @Test
    void aMessageFromTheClientClosesWith1003UnlessDiscarded() throws Exception {
        Queued source = new Queued();
        App app = App.builder()
                .routeHandlers(
                        WebSocketRoute.stream("/strict", (WebSocketConnection socket) -> source)
                                .interruptOnDisconnect(),
                        WebSocketRoute.stream(
                                        "/lenient",
                                        (WebSocketConnection socket) ->
                                                List.of("a", "b").iterator())
                                .allowDataDiscard())
                .build();
        Server server = new Server();
        Thread running = server.connect(app, "/strict");
        assertThat(server.next()).isInstanceOf(Message.WebSocketAccept.class);
        server.in.add(Message.WebSocketReceive.text("hello"));
        assertThat(server.next()).isEqualTo(new Message.WebSocketClose(1003, StreamWatch.REFUSED_REASON));
        assertThat(running.join(Duration.ofSeconds(5))).isTrue();
        assertThat(source.closed).isTrue();

        Server lenient = new Server();
        lenient.in.add(Message.WebSocketConnect.INSTANCE);
        lenient.in.add(Message.WebSocketReceive.text("ignored"));
        Thread other = Thread.ofVirtual().start(() -> {
            try {
                app.call(Scope.websocket("/lenient").build(), lenient.in::take, lenient::send);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertThat(lenient.next()).isInstanceOf(Message.WebSocketAccept.class);
        assertThat(text(lenient.next())).isEqualTo("a");
        assertThat(text(lenient.next())).isEqualTo("b");
        assertThat(lenient.next()).isEqualTo(new Message.WebSocketClose(1000, ""));
        assertThat(other.join(Duration.ofSeconds(5))).isTrue();
    }

    /** A text message's text (WebSocketSend is a record over a byte[], so it has no value equality). */
    static String text(Message message) {
        assertThat(message).isInstanceOf(Message.WebSocketSend.class);
        Message.WebSocketSend send = (Message.WebSocketSend) message;
        assertThat(send.isText()).as("a text message").isTrue();
        return new String(send.data(), StandardCharsets.UTF_8);
    }

    @Test
    void repliesAreEncodedByTheirType() {
        WebSocketReplies replies = new WebSocketReplies(new JsonCodec(mapper -> {}), null, null);
        assertThat(replies.message(null)).isNull();
        assertThat(text(replies.message("t"))).isEqualTo("t");
        assertThat(replies.message(new byte[] {1}).isText()).isFalse();
        Message.WebSocketSend prepared = Message.WebSocketSend.text("p");
        assertThat(replies.message(prepared)).isSameAs(prepared);
        Message.WebSocketSend json = replies.message(java.util.Map.of("k", 1));
        assertThat(json.isText()).isTrue();
        assertThat(new String(json.data(), StandardCharsets.UTF_8)).isEqualTo("{\"k\":1}");
    }
}

package dev.rigel.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.protocol.Application;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.ScopeType;
import dev.rigel.protocol.Send;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's side of RFC 6455 (and 7692): handshake checks, the application deciding to accept
 * or refuse, fragmentation, ping/pong, the close handshake, size limits, UTF-8 and masking rules,
 * permessage-deflate, backpressure both ways, idle pings and a graceful stop. The application
 * here speaks the raw protocol; the framework's side is tested in rigel-testing.
 */
class WebSocketTest {

    /** What the application saw, in order. */
    static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    /** Released to let the /paused application start reading. */
    static volatile CountDownLatch resume = new CountDownLatch(1);

    static final AtomicLong received = new AtomicLong();
    static final AtomicInteger sent = new AtomicInteger();

    static final int CHUNK = 8 * 1024;

    static final Application APP = (scope, receive, send) -> {
        if (scope.type() != ScopeType.WEBSOCKET) {
            TestApps.text(send, 200, "plain http");
            return;
        }
        Message first = receive.receive();
        if (!(first instanceof Message.WebSocketConnect)) {
            throw new IllegalStateException("expected WebSocketConnect, got " + first);
        }
        switch (scope.rawPath()) {
            case "/echo" -> {
                accept(scope, send);
                echo(scope, receive, send);
            }
            case "/refuse" -> send.send(new Message.WebSocketClose(4000, "not you"));
            case "/deny" -> {
                send.send(new Message.ResponseStart(
                        401, Headers.of("www-authenticate", "Bearer", "content-type", "text/plain")));
                send.send(new Message.ResponseBody("who are you?".getBytes(StandardCharsets.UTF_8), false));
            }
            case "/fail-before" -> throw new IllegalStateException("failed before accepting");
            case "/silent" -> {
                // returns without answering the handshake
            }
            case "/fail-after" -> {
                accept(scope, send);
                receive.receive();
                throw new IllegalStateException("failed after accepting");
            }
            case "/return-open" -> {
                accept(scope, send);
                send.send(Message.WebSocketSend.text("bye"));
            }
            case "/paused" -> {
                accept(scope, send);
                resume.await();
                Message message;
                while ((message = receive.receive()) instanceof Message.WebSocketReceive data) {
                    received.addAndGet(data.data().length);
                }
                EVENTS.add("paused ended with " + ((Message.WebSocketDisconnect) message).code());
            }
            case "/flood" -> {
                accept(scope, send);
                byte[] chunk = new byte[CHUNK];
                for (int i = 0; i < 8192; i++) {
                    Arrays.fill(chunk, (byte) i);
                    send.send(Message.WebSocketSend.bytes(chunk.clone()));
                    sent.incrementAndGet();
                }
                send.send(Message.WebSocketClose.NORMAL);
            }
            case "/threads" -> {
                accept(scope, send);
                List<Thread> senders = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    senders.add(Thread.ofVirtual().start(() -> {
                        for (int n = 0; n < 500; n++) {
                            try {
                                send.send(Message.WebSocketSend.text(thread + ":" + n));
                            } catch (IOException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                    }));
                }
                for (Thread sender : senders) {
                    sender.join();
                }
                send.send(new Message.WebSocketClose(4001, "all sent"));
            }
            default -> send.send(new Message.WebSocketClose(1000, ""));
        }
    };

    /** Accepts, choosing "chat" if offered, and adds a header to the 101. */
    private static void accept(Scope scope, Send send) throws IOException {
        String offered = scope.headers().get("sec-websocket-protocol");
        String chosen = offered != null && offered.contains("chat") ? "chat" : null;
        send.send(new Message.WebSocketAccept(chosen, Headers.of("x-accepted", "yes")));
    }

    private static void echo(Scope scope, Receive receive, Send send) throws Exception {
        while (true) {
            Message message = receive.receive();
            if (message instanceof Message.WebSocketReceive data) {
                send.send(new Message.WebSocketSend(data.data(), data.isText()));
            } else if (message instanceof Message.WebSocketDisconnect disconnect) {
                EVENTS.add("disconnect " + disconnect.code() + " " + disconnect.reason());
                return;
            }
        }
    }

    private static RigelServer server;
    /**
     * One JDK client for the tests. It is shut down, not closed: closing waits for every
     * WebSocket it opened to close, and some tests leave theirs open on purpose.
     */
    private static HttpClient client;

    @BeforeAll
    static void start() {
        server = TestApps.start(APP, b -> b.webSocketMaxFrameSize(CHUNK).webSocketMaxMessageSize(2 * CHUNK));
        client = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        client.shutdownNow();
        server.stop();
    }

    @BeforeEach
    void reset() {
        EVENTS.clear();
        resume = new CountDownLatch(1);
        received.set(0);
        sent.set(0);
    }

    private static String ws(RigelServer on, String path) {
        return on.url().replaceFirst("^http", "ws") + path;
    }

    /** Collects what a JDK client receives, reassembling parts. */
    static final class Collector implements WebSocket.Listener {
        final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(text.toString());
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                messages.add(binary.toByteArray());
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            byte[] bytes = new byte[message.remaining()];
            message.get(bytes);
            messages.add("pong:" + new String(bytes, StandardCharsets.UTF_8));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error " + error);
        }

        Object next() throws InterruptedException {
            Object message = messages.poll(5, TimeUnit.SECONDS);
            assertThat(message).as("a message within 5 s").isNotNull();
            return message;
        }

        String closeWithin5s() throws Exception {
            return closed.get(5, TimeUnit.SECONDS);
        }
    }

    private static WebSocket open(HttpClient client, String uri, Collector collector, String... subprotocols) {
        WebSocket.Builder builder = client.newWebSocketBuilder();
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        return builder.buildAsync(URI.create(uri), collector).join();
    }

    // ------------------------------------------------------------------ handshake

    @Test
    void answersAValidHandshakeWith101AndTheAcceptKey() throws Exception {
        try (RawWebSocket socket =
                RawWebSocket.connect(server.port(), "/echo?x=1", "Sec-WebSocket-Protocol: superchat, chat")) {
            assertThat(socket.status).isEqualTo(101);
            assertThat(socket.header("upgrade")).isEqualToIgnoringCase("websocket");
            assertThat(socket.header("sec-websocket-accept")).isEqualTo(RawWebSocket.ACCEPT);
            assertThat(socket.header("sec-websocket-protocol")).isEqualTo("chat");
            assertThat(socket.header("x-accepted")).isEqualTo("yes");
            assertThat(socket.header("sec-websocket-extensions")).isNull(); // none was offered
            socket.sendText("hello");
            RawWebSocket.Frame frame = socket.read();
            assertThat(frame.opcode()).isEqualTo(RawWebSocket.TEXT);
            assertThat(frame.fin()).isTrue();
            assertThat(frame.text()).isEqualTo("hello");
        }
    }

    @Test
    void refusesMalformedHandshakesBeforeTheApplicationSeesThem() throws Exception {
        try (RawWebSocket socket = RawWebSocket.handshake(
                server.port(),
                "GET",
                "/echo",
                "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")) {
            assertThat(socket.status).isEqualTo(400);
            assertThat(socket.bodyText())
                    .isEqualTo("{\"status_code\":400,\"detail\":\"A WebSocket handshake needs a"
                            + " Sec-WebSocket-Key of 16 base64-encoded bytes\"}");
        }
        try (RawWebSocket socket = RawWebSocket.handshake(
                server.port(),
                "POST",
                "/echo",
                "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + RawWebSocket.KEY
                        + "\r\nSec-WebSocket-Version: 13\r\nContent-Length: 0\r\n")) {
            assertThat(socket.status).isEqualTo(400);
            assertThat(socket.bodyText()).contains("must be a GET request");
        }
        try (RawWebSocket socket = RawWebSocket.handshake(
                server.port(),
                "GET",
                "/echo",
                "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + RawWebSocket.KEY
                        + "\r\nSec-WebSocket-Version: 8\r\n")) {
            assertThat(socket.status).isEqualTo(426);
            assertThat(socket.header("sec-websocket-version")).isEqualTo("13");
        }
        assertThat(EVENTS).isEmpty();
    }

    @Test
    void theApplicationRefusesByClosingWithAnHttpResponseOrByFailing() throws Exception {
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/refuse")) {
            assertThat(socket.status).isEqualTo(403);
            assertThat(socket.bodyText()).isEqualTo("{\"status_code\":403,\"detail\":\"Forbidden\"}");
            assertThat(socket.header("connection")).isEqualToIgnoringCase("close");
        }
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/deny")) {
            assertThat(socket.status).isEqualTo(401);
            assertThat(socket.header("www-authenticate")).isEqualTo("Bearer");
            assertThat(socket.bodyText()).isEqualTo("who are you?");
        }
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/fail-before")) {
            assertThat(socket.status).isEqualTo(500);
        }
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/silent")) {
            assertThat(socket.status).isEqualTo(500);
        }
        {
            assertThatThrownBy(() -> open(client, ws(server, "/refuse"), new Collector()))
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOfSatisfying(
                            WebSocketHandshakeException.class,
                            e -> assertThat(e.getResponse().statusCode()).isEqualTo(403));
        }
    }

    @Test
    void aPlainRequestStillReachesTheApplicationAsHttp() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            RawHttp.Response response =
                    http.write("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("plain http");
        }
    }

    // ------------------------------------------------------------------ messages

    @Test
    void reassemblesFragmentedMessages() throws Exception {
        {
            Collector collector = new Collector();
            WebSocket socket = open(client, ws(server, "/echo"), collector);
            socket.sendText("hel", false).join();
            socket.sendText("lo ", false).join();
            socket.sendText("world", true).join();
            assertThat(collector.next()).isEqualTo("hello world");
            socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2}), false).join();
            socket.sendBinary(ByteBuffer.wrap(new byte[] {3}), true).join();
            assertThat((byte[]) collector.next()).containsExactly(1, 2, 3);
            socket.sendClose(1000, "").join();
            assertThat(collector.closeWithin5s()).isEqualTo("1000 ");
        }
    }

    @Test
    void controlFramesMayComeBetweenFragments() throws Exception {
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/echo")) {
            socket.send(false, 0, RawWebSocket.TEXT, "ab".getBytes(StandardCharsets.UTF_8), true);
            socket.send(true, 0, RawWebSocket.PING, "p1".getBytes(StandardCharsets.UTF_8), true);
            socket.send(true, 0, RawWebSocket.CONTINUATION, "cd".getBytes(StandardCharsets.UTF_8), true);
            RawWebSocket.Frame pong = socket.read();
            assertThat(pong.opcode()).isEqualTo(RawWebSocket.PONG);
            assertThat(pong.text()).isEqualTo("p1");
            assertThat(socket.read().text()).isEqualTo("abcd");
        }
    }

    @Test
    void answersPingsWithPongs() throws Exception {
        {
            Collector collector = new Collector();
            WebSocket socket = open(client, ws(server, "/echo"), collector);
            socket.sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8)))
                    .join();
            assertThat(collector.next()).isEqualTo("pong:are you there");
        }
    }

    @Test
    void theCloseHandshakeTellsTheApplicationTheClientsCode() throws Exception {
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/echo")) {
            socket.sendClose(4100, "see you");
            RawWebSocket.Frame reply = socket.read();
            assertThat(reply.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(reply.closeCode()).isEqualTo(4100);
            assertThat(socket.closedByServer(2000)).isTrue();
        }
        awaitEvent("disconnect 4100 see you");
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/echo")) {
            socket.send(true, 0, RawWebSocket.CLOSE, new byte[0], true); // a close without a code
            assertThat(socket.read().closeCode()).isEqualTo(1005);
        }
        awaitEvent("disconnect 1005 ");
    }

    /**
     * RFC 6455 7.4: a close code no endpoint may send is a protocol error (it was a 500 and an
     * ERROR line for 5000 and above, which Netty's decoder lets through).
     */
    @Test
    void aCloseWithACodeNoEndpointMaySendIsAProtocolError() throws Exception {
        for (int code : new int[] {5000, 65535}) {
            try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/echo")) {
                socket.sendClose(code, "bad");
                RawWebSocket.Frame reply = socket.read();
                assertThat(reply.opcode()).as("close %d", code).isEqualTo(RawWebSocket.CLOSE);
                assertThat(reply.closeCode()).as("close %d", code).isEqualTo(1002);
                assertThat(socket.closedByServer(2000)).isTrue();
            }
            awaitEvent("disconnect 1002 invalid close code " + code);
        }
        // the codes below 5000 that no endpoint may send: Netty's decoder fails the connection
        for (int code : new int[] {999, 1004, 1006, 2000}) {
            int before = EVENTS.size();
            try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/echo")) {
                socket.sendClose(code, "bad");
                assertThat(socket.closedByServer(2000)).as("close %d", code).isTrue();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (EVENTS.size() == before && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(EVENTS.subList(before, EVENTS.size()))
                    .as("close %d", code)
                    .anySatisfy(event -> assertThat(event).startsWith("disconnect 1002 "));
        }
    }

    @Test
    void aDroppedConnectionIs1006ForTheApplication() throws Exception {
        RawWebSocket socket = RawWebSocket.connect(server.port(), "/echo");
        socket.sendText("x");
        socket.read();
        socket.close();
        awaitEvent("disconnect 1006 ");
    }

    @Test
    void aClientLeavingInTheMiddleOfAFragmentedMessageIsNoUnexpectedError() throws Exception {
        // found by WebSocketFrameFuzzTest: the aggregator's PrematureChannelClosureException was
        // logged as an unexpected error (a warning with its stack trace) and answered with a 1011
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        ch.qos.logback.classic.Logger serverLog =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.rigel.netty.RigelServer");
        serverLog.addAppender(logged);
        try {
            RawWebSocket socket = RawWebSocket.connect(server.port(), "/echo");
            socket.send(false, 0, RawWebSocket.TEXT, "first half".getBytes(StandardCharsets.UTF_8), true);
            socket.close();
            awaitEvent("disconnect 1006 ");
            assertThat(logged.list)
                    .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
                    .noneMatch(message -> message.contains("unexpected error"));
        } finally {
            serverLog.detachAppender(logged);
        }
    }

    @Test
    void aCompressedFragmentThatInflatesToNothingIsInvalidData() throws Exception {
        // found by WebSocketFrameFuzzTest: Netty's DeflateDecoder refuses it with a bare CodecException
        // ("cannot read uncompressed buffer"), which was an unexpected error (a warning and 1011)
        try (RawWebSocket socket =
                RawWebSocket.connect(server.port(), "/echo", "Sec-WebSocket-Extensions: permessage-deflate")) {
            assertThat(socket.header("sec-websocket-extensions")).startsWith("permessage-deflate");
            // a text frame, RSV1 (compressed), not final, masked, whose 4 bytes inflate to nothing
            socket.sendRaw(
                    new byte[] {0x41, (byte) 0x84, 0x11, 0x22, 0x33, 0x6e, 0x31, 0x44, (byte) 0xc0, (byte) 0x84});
            RawWebSocket.Frame close = socket.read();
            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1007);
            assertThat(close.closeReason()).isEqualTo("Invalid compressed data");
        }
        awaitEvent("disconnect 1007 Invalid compressed data");
    }

    @Test
    void theApplicationsFailureOrReturnClosesTheConnection() throws Exception {
        {
            Collector failing = new Collector();
            open(client, ws(server, "/fail-after"), failing)
                    .sendText("go", true)
                    .join();
            assertThat(failing.closeWithin5s()).isEqualTo("1011 ");
            Collector returning = new Collector();
            open(client, ws(server, "/return-open"), returning);
            assertThat(returning.next()).isEqualTo("bye");
            assertThat(returning.closeWithin5s()).isEqualTo("1000 ");
        }
    }

    @Test
    void sendsFromManyThreadsArriveWholeAndInEachThreadsOrder() throws Exception {
        {
            Collector collector = new Collector();
            open(client, ws(server, "/threads"), collector);
            int[] next = new int[4];
            for (int i = 0; i < 2000; i++) {
                String[] parts = ((String) collector.next()).split(":");
                int thread = Integer.parseInt(parts[0]);
                assertThat(Integer.parseInt(parts[1])).isEqualTo(next[thread]++);
            }
            assertThat(collector.closeWithin5s()).isEqualTo("4001 all sent");
        }
    }

    // ------------------------------------------------------------------ limits and bad frames

    @Test
    void aMessageOverTheLimitClosesWith1009() throws Exception {
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/echo")) {
            byte[] part = new byte[CHUNK]; // each frame is allowed; together they are too much
            socket.send(false, 0, RawWebSocket.BINARY, part, true);
            socket.send(false, 0, RawWebSocket.CONTINUATION, part, true);
            socket.send(true, 0, RawWebSocket.CONTINUATION, part, true);
            RawWebSocket.Frame close = socket.read();
            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1009);
            socket.sendClose(1009, "");
            assertThat(socket.closedByServer(2000)).isTrue();
        }
        awaitEvent("disconnect 1009 Message too big");
    }

    @Test
    void aFrameOverTheLimitClosesWith1009() throws Exception {
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/echo")) {
            socket.send(true, 0, RawWebSocket.BINARY, new byte[CHUNK + 1], true);
            RawWebSocket.Frame close = socket.read();
            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1009);
            assertThat(socket.closedByServer(2000)).isTrue();
        }
        awaitEvent("disconnect 1009 Message too big");
    }

    @Test
    void textThatIsNotUtf8ClosesWith1007() throws Exception {
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/echo")) {
            socket.send(true, 0, RawWebSocket.TEXT, new byte[] {(byte) 0xc3, 0x28}, true);
            RawWebSocket.Frame close = socket.read();
            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1007);
        }
    }

    @Test
    void anUnmaskedClientFrameClosesWith1002() throws Exception {
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/echo")) {
            socket.send(true, 0, RawWebSocket.TEXT, "plain".getBytes(StandardCharsets.UTF_8), false);
            RawWebSocket.Frame close = socket.read();
            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1002);
        }
    }

    /** RFC 6455 5.2: reserved bits without an extension that defines them are a protocol error. */
    @Test
    void reservedBitsWithoutAnAgreedExtensionCloseWith1002() throws Exception {
        for (int rsv : new int[] {4, 2, 1}) {
            // compression is on, but this client did not offer it
            try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/echo")) {
                socket.send(true, rsv, RawWebSocket.TEXT, "hi".getBytes(StandardCharsets.UTF_8), true);
                assertClosedWith(socket, 1002, "rsv " + rsv);
            }
        }
    }

    /** RFC 7692 6: permessage-deflate defines RSV1, on the first frame of a data message only. */
    @Test
    void withDeflateOnlyRsv1OnTheFirstDataFrameIsAllowed() throws Exception {
        byte[] hi = RawWebSocket.deflate("hi".getBytes(StandardCharsets.UTF_8));
        String deflate = "Sec-WebSocket-Extensions: permessage-deflate";
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/echo", deflate)) {
            socket.send(true, 2, RawWebSocket.TEXT, "hi".getBytes(StandardCharsets.UTF_8), true); // RSV2
            assertClosedWith(socket, 1002, "RSV2");
        }
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/echo", deflate)) {
            socket.send(true, 5, RawWebSocket.TEXT, hi, true); // RSV1 and RSV3
            assertClosedWith(socket, 1002, "RSV1+RSV3");
        }
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/echo", deflate)) {
            socket.send(true, 4, RawWebSocket.PING, new byte[0], true);
            assertClosedWith(socket, 1002, "RSV1 on a ping");
        }
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/echo", deflate)) {
            socket.send(false, 0, RawWebSocket.TEXT, "a".getBytes(StandardCharsets.UTF_8), true);
            socket.send(true, 4, RawWebSocket.CONTINUATION, "b".getBytes(StandardCharsets.UTF_8), true);
            assertClosedWith(socket, 1002, "RSV1 on a continuation");
        }
        // and the application hears each as a protocol error
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (EVENTS.stream().filter("disconnect 1002 Protocol error"::equals).count() < 4
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(EVENTS).filteredOn("disconnect 1002 Protocol error"::equals).hasSize(4);
    }

    /** RFC 6455 5.2 and 5.5: reserved opcodes, fragmented or oversized control frames. */
    @Test
    void reservedOpcodesAndBrokenControlFramesCloseWith1002() throws Exception {
        for (int opcode : new int[] {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF}) {
            try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/echo")) {
                socket.send(true, 0, opcode, "x".getBytes(StandardCharsets.UTF_8), true);
                assertClosedWith(socket, 1002, "opcode " + opcode);
            }
        }
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/echo")) {
            socket.send(false, 0, RawWebSocket.PING, new byte[0], true);
            assertClosedWith(socket, 1002, "fragmented ping");
        }
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/echo")) {
            socket.send(true, 0, RawWebSocket.PING, new byte[126], true);
            assertClosedWith(socket, 1002, "126-byte ping");
        }
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/echo")) {
            socket.send(true, 0, RawWebSocket.CONTINUATION, "x".getBytes(StandardCharsets.UTF_8), true);
            assertClosedWith(socket, 1002, "continuation without a start");
        }
    }

    /** RFC 6455 8.1: text must be UTF-8 as a whole message, even split across fragments or compressed. */
    @Test
    void invalidUtf8InAFragmentOrACompressedMessageClosesWith1007() throws Exception {
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/echo")) {
            socket.send(false, 0, RawWebSocket.TEXT, new byte[] {'o', 'k', (byte) 0xc3}, true);
            socket.send(true, 0, RawWebSocket.CONTINUATION, new byte[] {0x28}, true); // 0xc3 0x28 is not UTF-8
            assertClosedWith(socket, 1007, "fragmented");
        }
        try (RawWebSocket socket =
                RawWebSocket.connect(server.port(), "/echo", "Sec-WebSocket-Extensions: permessage-deflate")) {
            socket.send(true, 4, RawWebSocket.TEXT, RawWebSocket.deflate(new byte[] {(byte) 0xff, 'a'}), true);
            assertClosedWith(socket, 1007, "compressed");
        }
    }

    /** A client that leaves in the middle of a fragmented message is routine, not a warning. */
    @Test
    void aClientLeavingMidMessageLogsNoWarning() throws Exception {
        try (LogCapture log = new LogCapture()) {
            try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/echo")) {
                socket.send(false, 0, RawWebSocket.TEXT, "half".getBytes(StandardCharsets.UTF_8), true);
            }
            awaitEvent("disconnect 1006 ");
            Thread.sleep(100);
            assertThat(log.warnings()).isEmpty();
        }
    }

    private static void assertClosedWith(RawWebSocket socket, int code, String what) throws IOException {
        RawWebSocket.Frame close = socket.read();
        assertThat(close.opcode()).as(what).isEqualTo(RawWebSocket.CLOSE);
        assertThat(close.closeCode()).as(what).isEqualTo(code);
        assertThat(socket.closedByServer(2000)).as(what).isTrue();
    }

    // ------------------------------------------------------------------ permessage-deflate

    @Test
    void negotiatesPermessageDeflateAndCompressesBothWays() throws Exception {
        try (RawWebSocket socket = RawWebSocket.connect(
                server.port(), "/echo", "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits")) {
            assertThat(socket.status).isEqualTo(101);
            assertThat(socket.header("sec-websocket-extensions")).startsWith("permessage-deflate");
            String text = "compress me ".repeat(100);
            byte[] compressed = RawWebSocket.deflate(text.getBytes(StandardCharsets.UTF_8));
            socket.send(true, 4, RawWebSocket.TEXT, compressed, true); // RSV1: this message is compressed
            RawWebSocket.Frame echo = socket.read();
            assertThat(echo.rsv()).isEqualTo(4);
            assertThat(echo.payload().length).isLessThan(text.length());
            assertThat(new String(RawWebSocket.inflate(echo.payload()), StandardCharsets.UTF_8))
                    .isEqualTo(text);
        }
    }

    @Test
    void aCompressedMessageThatInflatesPastTheLimitClosesWith1009() throws Exception {
        try (RawWebSocket socket =
                RawWebSocket.connect(server.port(), "/echo", "Sec-WebSocket-Extensions: permessage-deflate")) {
            byte[] bomb = RawWebSocket.deflate(new byte[16 * CHUNK]); // a few hundred bytes on the wire
            assertThat(bomb.length).isLessThan(CHUNK);
            socket.send(true, 4, RawWebSocket.BINARY, bomb, true);
            RawWebSocket.Frame close = socket.read();
            assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void compressionCanBeSwitchedOff() throws Exception {
        try (RigelServer plain = TestApps.start(APP, b -> b.webSocketCompression(false));
                RawWebSocket socket =
                        RawWebSocket.connect(plain.port(), "/echo", "Sec-WebSocket-Extensions: permessage-deflate")) {
            assertThat(socket.status).isEqualTo(101);
            assertThat(socket.header("sec-websocket-extensions")).isNull();
            socket.sendText("as is");
            RawWebSocket.Frame echo = socket.read();
            assertThat(echo.rsv()).isZero();
            assertThat(echo.text()).isEqualTo("as is");
        }
    }

    // ------------------------------------------------------------------ backpressure

    @Test
    void stopsReadingWhileTheApplicationIsBehind() throws Exception {
        int messages = 8192; // 64 MiB: far more than the socket buffers and the inbox together
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/paused")) {
            AtomicInteger written = new AtomicInteger();
            Thread writer = Thread.ofVirtual().start(() -> {
                byte[] chunk = new byte[CHUNK];
                try {
                    for (int i = 0; i < messages; i++) {
                        socket.send(true, 0, RawWebSocket.BINARY, chunk, true);
                        written.incrementAndGet();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.join(Duration.ofSeconds(2));
            assertThat(writer.isAlive())
                    .as("the client is held back while the application does not read")
                    .isTrue();
            assertThat((long) written.get() * CHUNK).isLessThan(48L * 1024 * 1024);
            resume.countDown();
            assertThat(writer.join(Duration.ofSeconds(20))).isTrue();
            socket.sendClose(1000, "");
            socket.read();
        }
        awaitEvent("paused ended with 1000");
        assertThat(received.get()).isEqualTo((long) messages * CHUNK);
    }

    @Test
    void aSenderWaitsWhileTheClientDoesNotRead() throws Exception {
        try (RawWebSocket socket = RawWebSocket.connect(server.port(), "/flood")) {
            Thread.sleep(1500);
            assertThat(sent.get())
                    .as("the application is held back while the client does not read")
                    .isLessThan(6000);
            for (int i = 0; i < 8192; i++) {
                RawWebSocket.Frame frame = socket.read();
                assertThat(frame.opcode()).isEqualTo(RawWebSocket.BINARY);
                assertThat(frame.payload()).hasSize(CHUNK);
                assertThat(frame.payload()[0]).isEqualTo((byte) i);
            }
            assertThat(socket.read().closeCode()).isEqualTo(1000);
        }
    }

    // ------------------------------------------------------------------ idle and stop

    @Test
    void pingsAnIdleClientAndDropsOneThatDoesNotAnswer() throws Exception {
        try (RigelServer idle = TestApps.start(APP, b -> b.idleTimeout(Duration.ofMillis(300)))) {
            try (RawWebSocket silent = RawWebSocket.connect(idle.port(), "/echo")) {
                RawWebSocket.Frame ping = silent.read();
                assertThat(ping.opcode()).isEqualTo(RawWebSocket.PING);
                assertThat(silent.closedByServer(3000)).isTrue(); // never answered
            }
            {
                Collector collector = new Collector();
                WebSocket answering = open(client, ws(idle, "/echo"), collector); // the JDK answers pings
                Thread.sleep(1200);
                answering.sendText("still here", true).join();
                assertThat(collector.next()).isEqualTo("still here");
            }
        }
    }

    @Test
    void aGracefulStopClosesWith1001() throws Exception {
        RigelServer stopping = TestApps.start(APP);
        {
            Collector collector = new Collector();
            open(client, ws(stopping, "/echo"), collector);
            long start = System.nanoTime();
            stopping.stop();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(collector.closeWithin5s()).isEqualTo("1001 Server shutting down");
        }
        awaitEvent("disconnect 1001 Server shutting down");
    }

    @Test
    void servesWssOverTls(@TempDir Path dir) throws Exception {
        TestCertificates certificates = new TestCertificates(dir);
        HttpClient trusting =
                HttpClient.newBuilder().sslContext(certificates.clientContext()).build();
        try (RigelServer tls = TestApps.start(APP, b -> b.tls(certificates.certificate, certificates.privateKey))) {
            assertThat(ws(tls, "/echo")).startsWith("wss://");
            Collector collector = new Collector();
            WebSocket socket = open(trusting, ws(tls, "/echo"), collector, "chat");
            assertThat(socket.getSubprotocol()).isEqualTo("chat");
            socket.sendText("secret", true).join();
            assertThat(collector.next()).isEqualTo("secret");
        } finally {
            trusting.shutdownNow();
        }
    }

    private static void awaitEvent(String event) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!EVENTS.contains(event) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(EVENTS).contains(event);
    }
}

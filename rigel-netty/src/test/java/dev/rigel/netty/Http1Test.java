package dev.rigel.netty;

import static dev.rigel.netty.TestApps.ECHO;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.protocol.Application;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Scope;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP/1.x behaviour against a real server: framing, keep-alive, pipelining, dispatch, errors. */
class Http1Test {

    private static final List<String> warnings = new CopyOnWriteArrayList<>();

    /** One app for most tests, routing on the path so a single server serves them all. */
    private static final Application APP = new Application() {
        @Override
        public void call(Scope scope, dev.rigel.protocol.Receive receive, dev.rigel.protocol.Send send)
                throws Exception {
            switch (scope.rawPath()) {
                case "/slow" -> {
                    Thread.sleep(300);
                    TestApps.text(send, 200, "slow");
                }
                case "/boom" -> throw new IllegalStateException("boom");
                case "/boom-after-start" -> {
                    send.send(new Message.ResponseStart(200, Headers.of("content-type", "text/plain")));
                    throw new IllegalStateException("boom after start");
                }
                case "/boom-while-streaming" -> {
                    send.send(new Message.ResponseStart(200, new Headers()));
                    send.send(new Message.ResponseBody("partial".getBytes(StandardCharsets.UTF_8), true));
                    throw new IllegalStateException("boom while streaming");
                }
                case "/incomplete" -> send.send(new Message.ResponseStart(200, new Headers()));
                case "/stream" -> {
                    send.send(new Message.ResponseStart(200, Headers.of("content-type", "text/plain")));
                    for (String part : List.of("one,", "two,", "three")) {
                        send.send(new Message.ResponseBody(part.getBytes(StandardCharsets.UTF_8), true));
                    }
                    send.send(Message.ResponseBody.EMPTY_LAST);
                }
                case "/head-aware" -> {
                    // What the framework does for HEAD: the GET's length, an empty body.
                    byte[] body = "hello world".getBytes(StandardCharsets.UTF_8);
                    boolean head = scope.method().equals("HEAD");
                    send.send(new Message.ResponseStart(
                            200,
                            Headers.of("content-type", "text/plain", "content-length", String.valueOf(body.length))));
                    send.send(new Message.ResponseBody(head ? Message.EMPTY : body, false));
                }
                case "/no-content" -> {
                    send.send(new Message.ResponseStart(204, new Headers()));
                    send.send(new Message.ResponseBody("must not be sent".getBytes(StandardCharsets.UTF_8), false));
                }
                case "/not-modified" -> {
                    send.send(new Message.ResponseStart(304, Headers.of("etag", "\"v1\"")));
                    send.send(Message.ResponseBody.EMPTY_LAST);
                }
                case "/ignore-body" -> TestApps.text(send, 200, "ignored");
                case "/own-fields", "/inline/own-fields" -> {
                    // Fields the server owns or fills in, set by the application; and its Headers
                    // changed once sent, which must not reach the wire.
                    Headers headers = Headers.of(
                            "content-type", "text/plain",
                            "Content-Length", "999",
                            "Transfer-Encoding", "chunked",
                            "Connection", "keep-alive",
                            "date", "Mon, 01 Jan 2024 00:00:00 GMT",
                            "server", "mine",
                            "x-latin", "caf\u00e9");
                    send.send(new Message.ResponseStart(200, headers));
                    send.send(new Message.ResponseBody("hello".getBytes(StandardCharsets.UTF_8), false));
                    headers.set("x-after", "sent");
                    headers.remove("content-type");
                }
                case "/reset-content" -> {
                    send.send(new Message.ResponseStart(205, new Headers()));
                    send.send(new Message.ResponseBody("must not be sent".getBytes(StandardCharsets.UTF_8), false));
                }
                case "/header-injection" -> {
                    send.send(new Message.ResponseStart(200, Headers.of("x-evil", "a\r\nSet-Cookie: stolen=1")));
                    send.send(Message.ResponseBody.EMPTY_LAST);
                }
                case "/inline/fields" -> {
                    StringBuilder fields = new StringBuilder();
                    scope.headers()
                            .forEach((name, value) -> fields.append(name)
                                    .append(": ")
                                    .append(value)
                                    .append('\n'));
                    TestApps.text(send, 200, fields.toString());
                }
                default -> ECHO.call(scope, receive, send);
            }
        }

        @Override
        public boolean runsInline(Scope scope) {
            return scope.rawPath().startsWith("/inline");
        }
    };

    private static RigelServer server;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        server = TestApps.start(APP);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        server.stop();
        client.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(server.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void buildsTheScopeFromTheRequest() throws Exception {
        HttpResponse<String> response = get("/a%20b/c?x=1&y=2");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains(
                        "method=GET",
                        "rawPath=/a%20b/c",
                        "path=/a b/c",
                        "query=x=1&y=2",
                        "version=1.1",
                        "scheme=http",
                        "host=127.0.0.1:" + server.port(),
                        "client=true",
                        "serverPort=" + server.port());
        assertThat(response.headers().firstValue("content-length"))
                .hasValue(String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(response.headers().firstValue("date")).isPresent();
        assertThat(response.headers().firstValue("server")).hasValue("Rigel");
    }

    @Test
    void postsABodyThroughTheClient() throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create(server.url() + "/echo"))
                        .POST(HttpRequest.BodyPublishers.ofString("payload"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).contains("method=POST", "body=payload");
    }

    @Test
    void inlineApplicationsRunOnTheIoThreadOthersOnVirtualThreads() throws Exception {
        assertThat(get("/inline").body()).contains("virtual=false");
        assertThat(get("/blocking").body()).contains("virtual=true");
        HttpResponse<String> inlinePost = client.send(
                HttpRequest.newBuilder(URI.create(server.url() + "/inline"))
                        .POST(HttpRequest.BodyPublishers.ofString("x".repeat(100_000)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(inlinePost.body()).contains("virtual=false", "body=" + "x".repeat(100_000));
    }

    @Test
    void keepsTheConnectionAliveAcrossRequests() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            for (int i = 0; i < 5; i++) {
                String path = i % 2 == 0 ? "/inline/" + i : "/vt/" + i;
                http.write("GET " + path + " HTTP/1.1\r\nHost: test\r\n\r\n");
                RawHttp.Response response = http.read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("connection")).isNull();
                assertThat(response.text()).contains("rawPath=" + path);
            }
        }
    }

    @Test
    void answersPipelinedRequestsInOrderEvenWhenTheFirstIsSlowest() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "GET /inline/second HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "POST /third HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nthird"
                    + "GET /inline/fourth HTTP/1.1\r\nHost: t\r\n\r\n");

            assertThat(http.read().text()).isEqualTo("slow");
            assertThat(http.read().text()).contains("rawPath=/inline/second");
            assertThat(http.read().text()).contains("rawPath=/third", "body=third");
            assertThat(http.read().text()).contains("rawPath=/inline/fourth");
        }
    }

    @Test
    void answersHundredsOfPipelinedRequestsSentAtOnce() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                batch.append("GET /")
                        .append(i % 3 == 0 ? "vt/" : "inline/")
                        .append(i)
                        .append(" HTTP/1.1\r\nHost: a\r\n\r\n");
            }
            http.write(batch.toString());
            for (int i = 0; i < 500; i++) {
                assertThat(http.read().text()).contains("rawPath=/" + (i % 3 == 0 ? "vt/" : "inline/") + i + "\n");
            }
        }
    }

    @Test
    void readsChunkedRequestBodies() throws Exception {
        for (String path : List.of("/chunked", "/inline/chunked")) {
            try (RawHttp http = new RawHttp(server.port())) {
                http.write("POST " + path + " HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nhello\r\n");
                Thread.sleep(50);
                http.write("6\r\n world\r\n0\r\n\r\n");

                RawHttp.Response response = http.read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.text()).contains("body=hello world");
            }
        }
    }

    @Test
    void sendsOneSingleMessageBodyWithContentLength() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("GET /inline/x HTTP/1.1\r\nHost: t\r\n\r\n");
            RawHttp.Response response = http.read();

            assertThat(response.header("content-length")).isEqualTo(String.valueOf(response.body().length));
            assertThat(response.header("transfer-encoding")).isNull();
        }
    }

    @Test
    void streamsMultipleBodyMessagesChunked() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("GET /stream HTTP/1.1\r\nHost: t\r\n\r\n");
            RawHttp.Response response = http.read();

            assertThat(response.header("transfer-encoding")).isEqualTo("chunked");
            assertThat(response.header("content-length")).isNull();
            assertThat(response.text()).isEqualTo("one,two,three");

            http.write("GET /inline/after HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(http.read().status()).isEqualTo(200); // still framed correctly
        }
    }

    /** RFC 9112 3.2: an HTTP/1.1 request names exactly one valid Host; issue 21 found them all served. */
    @Test
    void aRequestWithoutOneValidHostIs400() throws Exception {
        String[] heads = {
            "GET /inline/x HTTP/1.1\r\n\r\n",
            "GET /inline/x HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            "GET /inline/x HTTP/1.1\r\nHost: evil@x\r\n\r\n",
            "GET /inline/x HTTP/1.1\r\nHost: a b\r\n\r\n",
            "GET /inline/x HTTP/1.1\r\nHost: example.com:65536\r\n\r\n",
            "GET /inline/x HTTP/1.1\r\nHost: example.com:8x\r\n\r\n",
            "GET /inline/x HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n",
            // RFC 9110 11.6.2: Authorization is a singleton field
            "GET /inline/x HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer x\r\nAuthorization: Bearer y\r\n\r\n",
        };
        for (String head : heads) {
            try (RawHttp http = new RawHttp(server.port())) {
                http.write(head);
                RawHttp.Response response = http.read();
                assertThat(response.status()).as(head).isEqualTo(400);
                assertThat(response.text()).as(head).isEqualTo("{\"status_code\":400,\"detail\":\"Bad Request\"}");
                assertThat(http.closedByServer(2000)).as(head).isTrue();
            }
        }
        String[] fine = {
            "GET /inline/x HTTP/1.1\r\nHost: example.com:8080\r\n\r\n",
            "GET /inline/x HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n",
            "GET /inline/x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            "GET /inline/x HTTP/1.1\r\nHost:\r\n\r\n", // empty: a target URI without authority
            "GET /inline/x HTTP/1.0\r\n\r\n", // HTTP/1.0 needs no Host
        };
        for (String head : fine) {
            try (RawHttp http = new RawHttp(server.port())) {
                http.write(head);
                assertThat(http.read().status()).as(head).isEqualTo(200);
            }
        }
    }

    /**
     * RFC 9112 3: one SP between the request line's parts and a case-sensitive {@code HTTP}; RFC
     * 9112 5.2: obs-fold may be rejected with 400. Netty accepts all of these on its own.
     */
    @Test
    void aSloppyRequestLineOrAFoldedHeaderIs400() throws Exception {
        String[] heads = {
            "GET /inline/x http/1.1\r\nHost: a\r\n\r\n",
            "GET /inline/x Http/1.0\r\nHost: a\r\n\r\n",
            "GET\t/inline/x HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /inline/x\tHTTP/1.1\r\nHost: a\r\n\r\n",
            "GET  /inline/x HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /inline/x  HTTP/1.1\r\nHost: a\r\n\r\n",
            "GET /inline/x HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n",
            "GET /inline/x HTTP/1.1\r\nHost: a\r\nX-A: b\r\n\tc\r\n\r\n",
            "GET /inline/x HTTP/1.1\r\nX-A: b\r\n Host: a\r\n\r\n",
        };
        for (String head : heads) {
            try (RawHttp http = new RawHttp(server.port())) {
                http.write(head);
                RawHttp.Response response = http.read();
                assertThat(response.status()).as(head).isEqualTo(400);
                assertThat(response.text()).as(head).isEqualTo("{\"status_code\":400,\"detail\":\"Bad Request\"}");
                assertThat(http.closedByServer(2000)).as(head).isTrue();
            }
        }
    }

    /**
     * RFC 9110 5.1 and 5.5: a field name is a token; a value holds no control character but HTAB
     * (CR, LF and NUL least of all). The server checks both as the fields are decoded.
     */
    @Test
    void aFieldNameThatIsNoTokenOrAValueWithAControlCharacterIs400() throws Exception {
        String[] fields = {
            "Bad(Name): x",
            "Bad@Name: x",
            "X\u0080Y: x",
            "X-A\u007f: x",
            "X/A: x",
            "{X}: x",
            "X-A: a\u0001b",
            "X-A: a\u0000b",
            "X-A: a\u007fb",
            "X-A: a\u001bb",
            "X-A: a\rb",
        };
        for (String field : fields) {
            try (RawHttp http = new RawHttp(server.port())) {
                http.write("GET /inline/fields HTTP/1.1\r\nHost: a\r\n" + field + "\r\n\r\n");
                RawHttp.Response response = http.read();
                assertThat(response.status()).as(field).isEqualTo(400);
                assertThat(response.text()).as(field).isEqualTo("{\"status_code\":400,\"detail\":\"Bad Request\"}");
                assertThat(http.closedByServer(2000)).as(field).isTrue();
            }
        }
    }

    @Test
    void theAppSeesEveryFieldInOrderWithItsCaseAndItsRepeats() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("GET /inline/fields HTTP/1.1\r\nHost: a\r\n"
                    + "!#$%&'*+-.^_`|~09azAZ: every token character\r\n"
                    + "X-Tab: a\tb\r\n"
                    + "X-Latin: caf\u00e9\r\n"
                    + "x-latin: again\r\n"
                    + "X-Empty:\r\n"
                    + "Content-Length: 0\r\n\r\n");
            RawHttp.Response response = http.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text())
                    .isEqualTo("Host: a\n"
                            + "!#$%&'*+-.^_`|~09azAZ: every token character\n"
                            + "X-Tab: a\tb\n"
                            + "X-Latin: caf\u00e9\n"
                            + "x-latin: again\n"
                            + "X-Empty: \n"
                            + "Content-Length: 0\n");
        }
    }

    @Test
    void aFoldIsFoundAcrossReadsAndAfterABodyButNotInsideOne() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            // a body with a line feed followed by a space is just a body
            http.write("POST /inline/x HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\na\n b"
                    + "GET /inline/y HTTP/1.1\r\nHost: a\r\nX-A: b\r\n");
            assertThat(http.read().status()).isEqualTo(200);
            Thread.sleep(100); // the fold arrives in a later read than the line it continues
            http.write(" c\r\n\r\n");
            assertThat(http.read().status()).isEqualTo(400);
            assertThat(http.closedByServer(2000)).isTrue();
        }
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("POST /inline/x HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\na\n b"
                    + "GET /inline/y HTTP/1.1\r\nHost: a\r\nX-A: b\r\n\r\n");
            assertThat(http.read().status()).isEqualTo(200);
            assertThat(http.read().status()).isEqualTo(200);
        }
    }

    /** RFC 9110 6.2: a version the server does not speak is 505, answered in the server's own version. */
    @Test
    void anHttpVersionOtherThan10Or11Is505() throws Exception {
        for (String version : new String[] {"HTTP/9.9", "HTTP/2.0", "HTTP/1.2"}) {
            try (RawHttp http = new RawHttp(server.port())) {
                http.write("GET /inline/x " + version + "\r\nHost: a\r\n\r\n");
                RawHttp.Response response = http.read();
                assertThat(response.statusLine()).as(version).startsWith("HTTP/1.1 505");
                assertThat(response.text())
                        .isEqualTo("{\"status_code\":505,\"detail\":\"HTTP Version Not Supported\"}");
            }
        }
    }

    @Test
    void http10GetsNoChunkingAndTheConnectionCloses() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("GET /stream HTTP/1.0\r\n\r\n");
            RawHttp.Response response = http.read();

            assertThat(response.statusLine()).startsWith("HTTP/1.0 200");
            assertThat(response.header("transfer-encoding")).isNull();
            assertThat(response.text()).isEqualTo("one,two,three"); // delimited by the close
        }
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("GET /inline/x HTTP/1.0\r\n\r\n");
            assertThat(http.read().status()).isEqualTo(200);
            assertThat(http.closedByServer(2000)).isTrue();
        }
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("GET /inline/x HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertThat(http.read().header("connection")).isEqualToIgnoringCase("keep-alive");
            http.write("GET /inline/y HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertThat(http.read().text()).contains("rawPath=/inline/y", "version=1.0");
        }
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("GET /inline/x HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
            assertThat(http.read().header("connection")).isEqualTo("close");
            assertThat(http.closedByServer(2000)).isTrue();
        }
    }

    @Test
    void headResponsesKeepContentLengthButHaveNoBody() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("HEAD /head-aware HTTP/1.1\r\nHost: t\r\n\r\n");
            RawHttp.Response head = http.read(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-length")).isEqualTo("11");

            // If any body bytes had leaked, this response would be garbled.
            http.write("GET /head-aware HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(http.read().text()).isEqualTo("hello world");
        }
    }

    @Test
    void headOfAStreamedResponseHasNoBody() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("HEAD /stream HTTP/1.1\r\nHost: t\r\n\r\n");
            RawHttp.Response head = http.read(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("transfer-encoding")).isNull();

            http.write("GET /inline/after-head HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(http.read().text()).contains("rawPath=/inline/after-head");
        }
    }

    @Test
    void aCompleteResponseCarriesTheServersFramingAndTheApplicationsOtherFieldsInOrder() throws Exception {
        for (String path : List.of("/own-fields", "/inline/own-fields")) {
            try (RawHttp http = new RawHttp(server.port())) {
                http.write("GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n");
                assertThat(http.readUntil("\r\n\r\n"))
                        .isEqualTo("HTTP/1.1 200 OK\r\n"
                                + "content-type: text/plain\r\n"
                                + "date: Mon, 01 Jan 2024 00:00:00 GMT\r\n"
                                + "server: mine\r\n"
                                + "x-latin: caf\u00e9\r\n"
                                + "content-length: 5\r\n\r\n");
                assertThat(http.readUntil("hello")).isEqualTo("hello");
                // still open: the application's "Connection: keep-alive" is not the server's to repeat
                http.write("GET /inline/next HTTP/1.1\r\nHost: t\r\n\r\n");
                assertThat(http.read().text()).contains("rawPath=/inline/next");
            }
        }
    }

    @Test
    void theServerStampsDateAndServerAndSaysKeepAliveToHttp10() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("GET /inline/x HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            RawHttp.Response response = http.read();
            assertThat(response.statusLine()).isEqualTo("HTTP/1.0 200 OK");
            assertThat(response.header("server")).isEqualTo("Rigel");
            assertThat(response.header("connection")).isEqualTo("keep-alive");
            Instant date = ZonedDateTime.parse(response.header("date"), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
            assertThat(date)
                    .isBetween(Instant.now().minusSeconds(5), Instant.now().plusSeconds(1));
        }
    }

    @Test
    void resetContentHasNoBodyAndAZeroLength() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("GET /reset-content HTTP/1.1\r\nHost: t\r\n\r\n");
            RawHttp.Response response = http.read();
            assertThat(response.status()).isEqualTo(205);
            assertThat(response.header("content-length")).isEqualTo("0");
            http.write("GET /inline/next HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(http.read().text()).contains("rawPath=/inline/next"); // nothing of the body was left on the wire
        }
    }

    @Test
    void headerValuesCannotInjectHeaders() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("GET /header-injection HTTP/1.1\r\nHost: t\r\n\r\n");
            RawHttp.Response response = http.read();
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.header("set-cookie")).isNull();
        }
    }

    @Test
    void noContentAndNotModifiedCarryNoBody() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("GET /no-content HTTP/1.1\r\nHost: t\r\n\r\n");
            RawHttp.Response noContent = http.read();
            assertThat(noContent.status()).isEqualTo(204);
            assertThat(noContent.header("content-length")).isNull();

            http.write("GET /not-modified HTTP/1.1\r\nHost: t\r\n\r\n");
            RawHttp.Response notModified = http.read();
            assertThat(notModified.status()).isEqualTo(304);
            assertThat(notModified.header("etag")).isEqualTo("\"v1\"");

            http.write("GET /inline/after HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(http.read().text()).contains("rawPath=/inline/after");
        }
    }

    @Test
    void expectContinueIsAnsweredWhenTheBodyIsWanted() throws Exception {
        for (String path : List.of("/vt-upload", "/inline/upload")) {
            try (RawHttp http = new RawHttp(server.port())) {
                http.write(
                        "POST " + path + " HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
                RawHttp.Response interim = http.read();
                assertThat(interim.status()).isEqualTo(100);

                http.write("data");
                RawHttp.Response response = http.read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.text()).contains("body=data");
            }
        }
    }

    @Test
    void aResponseWithoutReadingTheBodyClosesWhenTheClientStillAwaits100Continue() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("POST /ignore-body HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
            RawHttp.Response response = http.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("connection")).isEqualTo("close");
        }
    }

    @Test
    void anUnreadBodyIsSkippedAndTheConnectionStaysUsable() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("POST /ignore-body HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\n0123456789"
                    + "GET /inline/next HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(http.read().text()).isEqualTo("ignored");
            assertThat(http.read().text()).contains("rawPath=/inline/next");
        }
    }

    @Test
    void anApplicationExceptionBecomesA500JsonResponse() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            for (String path : List.of("/boom", "/boom-after-start")) {
                http.write("GET " + path + " HTTP/1.1\r\nHost: t\r\n\r\n");
                RawHttp.Response response = http.read();
                assertThat(response.status()).isEqualTo(500);
                assertThat(response.header("content-type")).isEqualTo("application/json");
                assertThat(response.text()).isEqualTo("{\"status_code\":500,\"detail\":\"Internal Server Error\"}");
            }
            http.write("GET /inline/still-alive HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(http.read().status()).isEqualTo(200);
        }
    }

    @Test
    void anExceptionAfterBodyBytesWereSentClosesTheConnection() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("GET /boom-while-streaming HTTP/1.1\r\nHost: t\r\n\r\n");
            // the chunked response never terminates: reading it must hit EOF
            org.assertj.core.api.Assertions.assertThatThrownBy(http::read).isInstanceOf(Exception.class);
        }
    }

    @Test
    void anIncompleteResponseClosesTheConnection() throws Exception {
        try (RawHttp http = new RawHttp(server.port())) {
            http.write("GET /incomplete HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(http.closedByServer(3000)).isTrue();
        }
    }
}

package dev.rigel.netty;

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
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP/2: h2c by upgrade and by prior knowledge, h2 over TLS via ALPN, and HTTP/1.1 over TLS. */
class Http2Test {

    private static final Application APP = new Application() {
        @Override
        public void call(Scope scope, dev.rigel.protocol.Receive receive, dev.rigel.protocol.Send send)
                throws Exception {
            switch (scope.rawPath()) {
                case "/stream" -> {
                    send.send(new Message.ResponseStart(
                            200, Headers.of("Content-Type", "text/plain", "Connection", "keep-alive")));
                    for (String part : List.of("a", "b", "c")) {
                        send.send(new Message.ResponseBody(part.getBytes(StandardCharsets.UTF_8), true));
                    }
                    send.send(Message.ResponseBody.EMPTY_LAST);
                }
                case "/boom" -> throw new IllegalStateException("boom");
                case "/head-aware" -> {
                    boolean head = scope.method().equals("HEAD");
                    send.send(new Message.ResponseStart(200, Headers.of("content-length", "5")));
                    send.send(new Message.ResponseBody(head ? Message.EMPTY : "hello".getBytes(), false));
                }
                default -> TestApps.ECHO.call(scope, receive, send);
            }
        }

        @Override
        public boolean runsInline(Scope scope) {
            return scope.rawPath().startsWith("/inline");
        }
    };

    private static RigelServer cleartext;
    private static RigelServer tls;
    private static TestCertificates certificates;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        cleartext = TestApps.start(APP, b -> b.maxBodySize(64 * 1024));
        certificates = new TestCertificates(dir);
        tls = TestApps.start(APP, b -> b.tls(certificates.certificate, certificates.privateKey));
    }

    @AfterAll
    static void stop() {
        cleartext.stop();
        tls.stop();
    }

    @Test
    void upgradesToH2cWithTheJdkClient() throws Exception {
        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()) {
            HttpResponse<String> first = client.send(
                    HttpRequest.newBuilder(URI.create(cleartext.url() + "/first?q=1"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(first.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(first.body())
                    .contains("rawPath=/first", "query=q=1", "version=2", "host=127.0.0.1:" + cleartext.port());

            // Later requests are streams on the upgraded connection, some in parallel.
            List<CompletableFuture<HttpResponse<String>>> parallel =
                    List.of("/inline/a", "/b", "/inline/c", "/d").stream()
                            .map(path -> client.sendAsync(
                                    HttpRequest.newBuilder(URI.create(cleartext.url() + path))
                                            .POST(HttpRequest.BodyPublishers.ofString("body of " + path))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString()))
                            .toList();
            for (int i = 0; i < parallel.size(); i++) {
                HttpResponse<String> response = parallel.get(i).get();
                assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
                assertThat(response.body()).contains("version=2", "body=body of ");
            }
        }
    }

    @Test
    void speaksH2cWithPriorKnowledge() throws Exception {
        try (H2Client client = new H2Client(cleartext.port())) {
            H2Client.Response get = client.get("/a%2Fb?x=y");
            assertThat(get.status()).isEqualTo(200);
            assertThat(get.text())
                    .contains(
                            "method=GET",
                            "rawPath=/a%2Fb",
                            "query=x=y",
                            "version=2",
                            "scheme=http",
                            "host=127.0.0.1:" + cleartext.port(),
                            "virtual=true");
            assertThat(get.header("content-length")).isEqualTo(String.valueOf(get.body().length));
            assertThat(get.header("server")).isEqualTo("Rigel");

            H2Client.Response inlinePost = client.request("POST", "/inline/post", "ping".getBytes());
            assertThat(inlinePost.text()).contains("body=ping", "virtual=false");

            H2Client.Response big =
                    client.request("POST", "/vt", "z".repeat(50_000).getBytes());
            assertThat(big.text()).contains("body=" + "z".repeat(50_000));
        }
    }

    @Test
    void streamsAndHandlesErrorsOverHttp2() throws Exception {
        try (H2Client client = new H2Client(cleartext.port())) {
            H2Client.Response stream = client.get("/stream");
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.text()).isEqualTo("abc");
            assertThat(stream.header("content-type")).isEqualTo("text/plain");
            assertThat(stream.header("connection")).isNull(); // connection-specific: not allowed in h2

            H2Client.Response boom = client.get("/boom");
            assertThat(boom.status()).isEqualTo(500);
            assertThat(boom.text()).isEqualTo("{\"status_code\":500,\"detail\":\"Internal Server Error\"}");

            H2Client.Response head = client.request("HEAD", "/head-aware", null);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-length")).isEqualTo("5");
            assertThat(head.body()).isEmpty();

            H2Client.Response tooLarge = client.headOnly("POST", "/vt", "content-length", "1000000");
            assertThat(tooLarge.status()).isEqualTo(413);
            assertThat(tooLarge.text()).isEqualTo("{\"status_code\":413,\"detail\":\"Request Entity Too Large\"}");

            H2Client.Response tooLargeStreamed = client.request("POST", "/inline/x", new byte[100 * 1024]);
            assertThat(tooLargeStreamed.status()).isEqualTo(413);

            // The connection survives all of that.
            assertThat(client.get("/still-there").status()).isEqualTo(200);
        }
    }

    @Test
    void negotiatesH2OverTlsWithAlpn() throws Exception {
        try (HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .sslContext(certificates.clientContext())
                .build()) {
            assertThat(tls.url()).startsWith("https://");
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(tls.url() + "/secure"))
                            .POST(HttpRequest.BodyPublishers.ofString("secret"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(response.body()).contains("scheme=https", "version=2", "body=secret");
        }
    }

    @Test
    void servesHttp11OverTlsWhenTheClientAsksForIt() throws Exception {
        try (HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(certificates.clientContext())
                .build()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(tls.url() + "/inline/secure"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(response.body()).contains("scheme=https", "version=1.1", "virtual=false");
        }
    }

    @Test
    void staysOnHttp11WhenHttp2IsOff() throws Exception {
        try (RigelServer http1Only = TestApps.start(APP, b -> b.http2(false));
                HttpClient client = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_2)
                        .build()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(http1Only.url() + "/x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(response.body()).contains("version=1.1");
        }
    }
}

package dev.rigel.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Post;
import dev.rigel.http.Response;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestRequest;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** ETag / Last-Modified on ordinary responses, and the 304s they allow. */
class ConditionalRequestTest {

    static final Instant CHANGED = Instant.parse("2024-05-01T12:00:00.750Z");

    public static class Handlers {
        @Get("/strong")
        public Response<Map<String, Object>> strong() {
            return Response.of(Map.<String, Object>of("v", 1)).etag("v1").cookie("c", "1");
        }

        @Get("/weak")
        public Response<String> weak() {
            return Response.of("text").weakEtag("w1");
        }

        @Get("/dated")
        public Response<String> dated() {
            return Response.of("dated").lastModified(CHANGED);
        }

        @Get("/both")
        public Response<String> both() {
            return Response.of("both").etag("b1").lastModified(CHANGED);
        }

        @Get("/missing")
        public Response<String> missing() {
            return Response.of("gone").etag("m1").status(404);
        }

        @Post("/create")
        public Response<String> create() {
            return Response.of("made").etag("c1");
        }
    }

    private static TestClient client(Transport transport) {
        return Clients.open(
                App.builder()
                        .routeHandlers(new Handlers())
                        .responseHeader("x-layer", "app")
                        .build(),
                transport);
    }

    private static TestResponse send(TestClient client, String method, String path, String... headers) {
        TestRequest request = client.request(method, path);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sendsValidators(Transport transport) {
        try (TestClient client = client(transport)) {
            assertThat(client.get("/strong").header("etag")).isEqualTo("\"v1\"");
            assertThat(client.get("/weak").header("etag")).isEqualTo("W/\"w1\"");
            TestResponse dated = client.get("/dated");
            assertThat(dated.header("last-modified")).isEqualTo("Wed, 01 May 2024 12:00:00 GMT");
            assertThat(dated.text()).isEqualTo("dated");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void matchingEtagIsA304WithoutBody(Transport transport) {
        try (TestClient client = client(transport)) {
            TestResponse response = send(client, "GET", "/strong", "If-None-Match", "\"v1\"");
            assertThat(response.status()).isEqualTo(304);
            assertThat(response.body()).isEmpty();
            assertThat(response.header("etag")).isEqualTo("\"v1\"");
            assertThat(response.header("content-type")).isNull();
            // layer headers and cookies still apply to a 304
            assertThat(response.header("x-layer")).isEqualTo("app");
            assertThat(response.header("set-cookie")).startsWith("c=1");

            assertThat(send(client, "GET", "/strong", "If-None-Match", "\"v0\"").status())
                    .isEqualTo(200);
            assertThat(send(client, "GET", "/strong", "If-None-Match", "\"a\", \"v1\"")
                            .status())
                    .isEqualTo(304);
            assertThat(send(client, "GET", "/strong", "If-None-Match", "\"a,b\",W/\"v1\"")
                            .status())
                    .isEqualTo(304);
            assertThat(send(client, "GET", "/strong", "If-None-Match", "*").status())
                    .isEqualTo(304);
            assertThat(send(client, "GET", "/strong", "If-None-Match", "v1").status())
                    .isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void comparesWeakly(Transport transport) {
        try (TestClient client = client(transport)) {
            assertThat(send(client, "GET", "/weak", "If-None-Match", "W/\"w1\"").status())
                    .isEqualTo(304);
            assertThat(send(client, "GET", "/weak", "If-None-Match", "\"w1\"").status())
                    .isEqualTo(304);
            assertThat(send(client, "GET", "/strong", "If-None-Match", "W/\"v1\"")
                            .status())
                    .isEqualTo(304);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void ifModifiedSinceComparesWholeSeconds(Transport transport) {
        try (TestClient client = client(transport)) {
            assertThat(send(client, "GET", "/dated", "If-Modified-Since", "Wed, 01 May 2024 12:00:00 GMT")
                            .status())
                    .isEqualTo(304);
            assertThat(send(client, "GET", "/dated", "If-Modified-Since", "Thu, 02 May 2024 00:00:00 GMT")
                            .status())
                    .isEqualTo(304);
            assertThat(send(client, "GET", "/dated", "If-Modified-Since", "Wed, 01 May 2024 11:59:59 GMT")
                            .status())
                    .isEqualTo(200);
            assertThat(send(client, "GET", "/dated", "If-Modified-Since", "yesterday")
                            .status())
                    .isEqualTo(200);
            TestResponse notModified =
                    send(client, "GET", "/dated", "If-Modified-Since", "Wed, 01 May 2024 12:00:00 GMT");
            assertThat(notModified.header("last-modified")).isEqualTo("Wed, 01 May 2024 12:00:00 GMT");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void ifNoneMatchDecidesAloneWhenPresent(Transport transport) {
        try (TestClient client = client(transport)) {
            assertThat(send(
                                    client,
                                    "GET",
                                    "/both",
                                    "If-None-Match",
                                    "\"old\"",
                                    "If-Modified-Since",
                                    "Thu, 02 May 2024 00:00:00 GMT")
                            .status())
                    .isEqualTo(200);
            assertThat(send(
                                    client,
                                    "GET",
                                    "/both",
                                    "If-None-Match",
                                    "\"b1\"",
                                    "If-Modified-Since",
                                    "Tue, 30 Apr 2024 00:00:00 GMT")
                            .status())
                    .isEqualTo(304);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void onlyGetAndHeadWith2xx(Transport transport) {
        try (TestClient client = client(transport)) {
            TestResponse head = send(client, "HEAD", "/strong", "If-None-Match", "\"v1\"");
            assertThat(head.status()).isEqualTo(304);
            assertThat(head.body()).isEmpty();
            TestResponse post = send(client, "POST", "/create", "If-None-Match", "\"c1\"");
            assertThat(post.status()).isEqualTo(201);
            assertThat(post.text()).isEqualTo("made");
            TestResponse missing = send(client, "GET", "/missing", "If-None-Match", "\"m1\"");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.text()).isEqualTo("gone");
        }
    }

    @Test
    void refusesEtagsThatCannotBeQuoted() {
        assertThatThrownBy(() -> Response.of("x").etag("a\"b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Response.of("x").etag("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Response.of("x").etag("v").status(201).header("a", "b").etag())
                .isEqualTo("\"v\"");
    }
}

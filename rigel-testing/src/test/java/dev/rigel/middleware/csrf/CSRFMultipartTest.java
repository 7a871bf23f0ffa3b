package dev.rigel.middleware.csrf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.annotation.Post;
import dev.rigel.form.UploadFile;
import dev.rigel.testing.Multipart;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An HTML upload form can only send the CSRF token as a field: the middleware finds it in multipart bodies too. */
class CSRFMultipartTest {

    public record Upload(String title, UploadFile file) {}

    public static class Handlers {
        @Post("/upload")
        public String upload(Upload data) throws java.io.IOException {
            return data.title() + ":" + data.file().size() + ":"
                    + Arrays.hashCode(data.file().bytes());
        }
    }

    private static final byte[] FILE = new byte[3 * 1024 * 1024];

    static {
        new Random(7).nextBytes(FILE);
    }

    private static TestClient client(Transport transport) {
        App app = App.builder()
                .routeHandlers(new Handlers(), Route.get("/form", () -> "form"))
                .csrf(CSRFConfig.of(CSRFMiddlewareTest.SECRET))
                .build();
        TestClient client = Clients.open(app, transport);
        client.get("/form"); // receives the token cookie
        return client;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aTokenFieldBeforeTheFilesIsAcceptedAndTheBodyReachesTheHandlerWhole(Transport transport) {
        try (TestClient client = client(transport)) {
            String token = client.cookies().get("csrftoken");
            TestResponse response = client.request("POST", "/upload")
                    .multipart(Multipart.builder()
                            .field("_csrf_token", token)
                            .field("title", "big")
                            .file("file", "a.bin", null, FILE)
                            .build())
                    .send();
            assertThat(response.status()).isEqualTo(201);
            assertThat(response.text()).isEqualTo("big:" + FILE.length + ":" + Arrays.hashCode(FILE));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMissingWrongOrLateTokenIsRefused(Transport transport) {
        try (TestClient client = client(transport)) {
            String token = client.cookies().get("csrftoken");
            TestResponse missing = client.request("POST", "/upload")
                    .multipart(Multipart.builder()
                            .field("title", "x")
                            .file("file", "a.bin", null, new byte[10])
                            .build())
                    .send();
            assertThat(missing.status()).isEqualTo(403);
            TestResponse wrong = client.request("POST", "/upload")
                    .multipart(Multipart.builder()
                            .field("_csrf_token", "0".repeat(128))
                            .file("file", "a.bin", null, new byte[10])
                            .build())
                    .send();
            assertThat(wrong.status()).isEqualTo(403);
            // only the first MiB is searched: a token after a large file is never seen
            TestResponse late = client.request("POST", "/upload")
                    .multipart(Multipart.builder()
                            .file("file", "a.bin", null, FILE)
                            .field("_csrf_token", token)
                            .build())
                    .send();
            assertThat(late.status()).isEqualTo(403);
            TestResponse header = client.request("POST", "/upload")
                    .header("x-csrftoken", token)
                    .multipart(Multipart.builder()
                            .field("title", "h")
                            .file("file", "a.bin", null, new byte[10])
                            .build())
                    .send();
            assertThat(header.status()).isEqualTo(201);
        }
    }
}

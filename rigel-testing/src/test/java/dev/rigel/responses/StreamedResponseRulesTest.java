package dev.rigel.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.annotation.Get;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.Response;
import dev.rigel.middleware.compression.CompressionConfig;
import dev.rigel.response.FileResponse;
import dev.rigel.response.Stream;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** How streamed responses fit the rest of the framework: the event loop, and compression. */
class StreamedResponseRulesTest {

    @TempDir
    Path dir;

    public static class InlineStream {
        @Get(value = "/stream", nonBlocking = true)
        public Response<Stream> stream() {
            return Response.of(Stream.of(List.of("a")));
        }
    }

    public static class InlineObject {
        @Get(value = "/object", nonBlocking = true)
        public Object object() {
            return Stream.of(List.of("a"));
        }
    }

    public static class FileHandler {
        private final Path file;

        FileHandler(Path file) {
            this.file = file;
        }

        @Get("/file")
        public FileResponse file() {
            return FileResponse.of(file);
        }
    }

    @Test
    void aNonBlockingHandlerDeclaringAStreamIsRefusedAtStartup() {
        assertThatThrownBy(() -> App.builder().routeHandlers(new InlineStream()).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("/stream")
                .hasMessageContaining("nonBlocking");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aNonBlockingHandlerReturningAStreamAtRuntimeIsA500(Transport transport) {
        try (TestClient client =
                Clients.open(App.builder().routeHandlers(new InlineObject()).build(), transport)) {
            assertThat(client.get("/object").status()).isEqualTo(500);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void compressionStreamsLargeFilesButLeavesRangesAlone(Transport transport) throws IOException {
        String text = "line of text that compresses well\n".repeat(6000); // ~200 KB, several chunks
        Path file = Files.writeString(dir.resolve("big.txt"), text);
        App app = App.builder()
                .routeHandlers(new FileHandler(file))
                .compression(CompressionConfig.defaults())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse whole = client.request("GET", "/file")
                    .header("Accept-Encoding", "gzip")
                    .send();
            assertThat(whole.header("content-encoding")).isEqualTo("gzip");
            assertThat(new String(
                            new GZIPInputStream(new ByteArrayInputStream(whole.body())).readAllBytes(),
                            StandardCharsets.UTF_8))
                    .isEqualTo(text);

            TestResponse range = client.request("GET", "/file")
                    .header("Accept-Encoding", "gzip")
                    .header("Range", "bytes=0-3")
                    .send();
            assertThat(range.status()).isEqualTo(206);
            assertThat(range.header("content-encoding")).isNull();
            assertThat(range.text()).isEqualTo("line");
        }
    }
}

package dev.rigel.staticfiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.RawHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attempts to read outside the served directories: dot segments plain and encoded, encoded
 * separators, NUL, hidden files, symbolic links pointing out. In-process the path reaches the app
 * as written; over the real server it is sent on a raw socket so no client normalises it first.
 */
class StaticFilesTraversalTest {

    /** Targets that would reach {@code secret.txt} (beside the served directory) or a hidden file if allowed. */
    static final List<String> ATTACKS = List.of(
            "/static/../secret.txt",
            "/static/css/../../secret.txt",
            "/static/%2e%2e/secret.txt",
            "/static/%2E%2E/secret.txt",
            "/static/.%2e/secret.txt",
            "/static/%2e%2e%2fsecret.txt",
            "/static/..%2fsecret.txt",
            "/static/..%2Fsecret.txt",
            "/static/css%2f..%2f..%2fsecret.txt",
            "/static/..%5csecret.txt",
            "/static/..\\secret.txt",
            "/static/%252e%252e/secret.txt",
            "/static/hello.txt%00.png",
            "/static/./hello.txt",
            "/static/.env",
            "/static/.git/config",
            "/static/%2eenv",
            "/static/link-out.txt",
            "/static/dir-out/secret.txt");

    @TempDir
    Path tmp;

    Path publicDir;

    @BeforeEach
    void files() throws IOException {
        publicDir = Files.createDirectories(tmp.resolve("public"));
        Files.writeString(tmp.resolve("secret.txt"), "TOP SECRET");
        Files.writeString(publicDir.resolve("hello.txt"), "hello");
        Files.createDirectories(publicDir.resolve("css"));
        Files.writeString(publicDir.resolve(".env"), "TOP SECRET");
        Files.createDirectories(publicDir.resolve(".git"));
        Files.writeString(publicDir.resolve(".git/config"), "TOP SECRET");
        Files.createSymbolicLink(publicDir.resolve("link-out.txt"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(publicDir.resolve("dir-out"), tmp);
        Files.createSymbolicLink(publicDir.resolve("link-in.txt"), publicDir.resolve("hello.txt"));
    }

    private App app() {
        return App.builder()
                .routeHandlers(StaticFiles.router("/static", publicDir))
                .build();
    }

    @Test
    void everyAttemptIsA404InProcess() {
        try (TestClient client = TestClient.of(app())) {
            for (String attack : ATTACKS) {
                var response = client.get(attack);
                assertThat(response.status()).as(attack).isEqualTo(404);
                assertThat(response.text()).as(attack).doesNotContain("SECRET");
            }
            // the same machinery still serves what is inside, links within the directory included
            assertThat(client.get("/static/hello.txt").text()).isEqualTo("hello");
            assertThat(client.get("/static/link-in.txt").text()).isEqualTo("hello");
        }
    }

    @Test
    void everyAttemptIsA404OverTheRealServer() throws IOException {
        RigelServer server = Clients.startServer(app(), ServerConfig.builder());
        try {
            URI base = URI.create(server.url());
            for (String attack : ATTACKS) {
                String response = RawHttp.get(base, attack);
                assertThat(response).as(attack).startsWith("HTTP/1.1 404").doesNotContain("SECRET");
            }
            assertThat(RawHttp.get(base, "/static/hello.txt"))
                    .startsWith("HTTP/1.1 200")
                    .endsWith("hello");
        } finally {
            server.stop();
        }
    }

    @Test
    void hiddenFilesAreServedOnlyWhenAllowed() {
        App app = App.builder()
                .routeHandlers(StaticFiles.builder("/static")
                        .directories(publicDir)
                        .allowHiddenFiles(true)
                        .build())
                .build();
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/static/.env").text()).isEqualTo("TOP SECRET");
            // dot segments and links out stay refused
            assertThat(client.get("/static/../secret.txt").status()).isEqualTo(404);
            assertThat(client.get("/static/%2e%2e/secret.txt").status()).isEqualTo(404);
            assertThat(client.get("/static/link-out.txt").status()).isEqualTo(404);
        }
    }

    @Test
    void aDirectoryInsideAJarIsServedAndCannotBeLeft() throws IOException {
        Path jar = tmp.resolve("assets.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "web/", null);
            entry(out, "web/app.js", "console.log('hi');".repeat(500));
            entry(out, "web/index.html", "<p>jar home</p>");
            entry(out, "outside.txt", "TOP SECRET");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            App app = App.builder()
                    .routeHandlers(StaticFiles.builder("/web")
                            .classpath("web", loader)
                            .htmlMode(true)
                            .build())
                    .build();
            try (TestClient client = TestClient.of(app)) {
                var script = client.get("/web/app.js");
                assertThat(script.text()).isEqualTo("console.log('hi');".repeat(500));
                assertThat(script.header("content-type")).isEqualTo("text/javascript; charset=utf-8");
                var range = client.request("GET", "/web/app.js")
                        .header("range", "bytes=0-6")
                        .send();
                assertThat(range.status()).isEqualTo(206);
                assertThat(range.text()).isEqualTo("console");
                assertThat(client.get("/web/").text()).isEqualTo("<p>jar home</p>");
                assertThat(client.get("/web/../outside.txt").status()).isEqualTo(404);
                assertThat(client.get("/web/%2e%2e/outside.txt").status()).isEqualTo(404);
            }
        }
    }

    private static void entry(JarOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        if (content != null) {
            OutputStream stream = out;
            stream.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        out.closeEntry();
    }
}

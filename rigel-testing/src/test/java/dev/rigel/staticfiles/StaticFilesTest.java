package dev.rigel.staticfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Files served from directories: headers, HTML mode, several directories, guards, names. */
class StaticFilesTest {

    @TempDir
    Path tmp;

    Path publicDir;
    Path fallbackDir;
    Path site;

    @BeforeEach
    void files() throws IOException {
        publicDir = Files.createDirectories(tmp.resolve("public"));
        Files.writeString(publicDir.resolve("hello.txt"), "hello from public");
        Files.createDirectories(publicDir.resolve("css"));
        Files.writeString(publicDir.resolve("css/site.css"), "body { color: red }");
        Files.writeString(publicDir.resolve("data.bin"), "0123456789".repeat(100));
        Files.writeString(publicDir.resolve("name with space.txt"), "spaced");
        fallbackDir = Files.createDirectories(tmp.resolve("fallback"));
        Files.writeString(fallbackDir.resolve("hello.txt"), "hello from fallback");
        Files.writeString(fallbackDir.resolve("only-here.txt"), "fallback only");
        site = Files.createDirectories(tmp.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<h1>home</h1>");
        Files.createDirectories(site.resolve("docs"));
        Files.writeString(site.resolve("docs/index.html"), "<h1>docs</h1>");
        Files.createDirectories(site.resolve("empty"));
        Files.writeString(site.resolve("404.html"), "<h1>no such page</h1>");
    }

    private TestClient client(Transport transport) {
        App app = App.builder()
                .routeHandlers(
                        StaticFiles.router("/static", publicDir, fallbackDir),
                        StaticFiles.builder("/site")
                                .directories(site)
                                .htmlMode(true)
                                .name("site")
                                .build(),
                        StaticFiles.builder("/downloads")
                                .directories(publicDir)
                                .sendAsAttachment(true)
                                .name("downloads")
                                .build(),
                        Route.get(
                                "/link",
                                (dev.rigel.http.Request request) ->
                                        request.urlFor("static", Map.of("file_path", "css/site.css"))))
                .build();
        return Clients.open(app, transport);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void servesAFileInlineWithValidatorsAndType(Transport transport) {
        try (TestClient client = client(transport)) {
            TestResponse response = client.get("/static/css/site.css");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("body { color: red }");
            assertThat(response.header("content-type")).isEqualTo("text/css; charset=utf-8");
            assertThat(response.header("content-disposition")).isEqualTo("inline; filename=\"site.css\"");
            assertThat(response.header("etag")).startsWith("\"");
            assertThat(response.header("last-modified")).endsWith("GMT");
            assertThat(response.header("accept-ranges")).isEqualTo("bytes");
            assertThat(client.get("/static/name%20with%20space.txt").text()).isEqualTo("spaced");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void searchesDirectoriesInOrder(Transport transport) {
        try (TestClient client = client(transport)) {
            assertThat(client.get("/static/hello.txt").text()).isEqualTo("hello from public");
            assertThat(client.get("/static/only-here.txt").text()).isEqualTo("fallback only");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void missingFilesAndDirectoriesAreTheStandard404(Transport transport) {
        try (TestClient client = client(transport)) {
            for (String path :
                    new String[] {"/static/nope.txt", "/static/css", "/static/css/", "/static", "/static/hello.txt/more"
                    }) {
                TestResponse response = client.get(path);
                assertThat(response.status()).as(path).isEqualTo(404);
                assertThat(response.jsonMap()).as(path).containsEntry("status_code", 404);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void rangesConditionalRequestsAndHeadWorkAsForFiles(Transport transport) {
        try (TestClient client = client(transport)) {
            TestResponse range = client.request("GET", "/static/data.bin")
                    .header("range", "bytes=10-19")
                    .send();
            assertThat(range.status()).isEqualTo(206);
            assertThat(range.text()).isEqualTo("0123456789");
            assertThat(range.header("content-range")).isEqualTo("bytes 10-19/1000");

            String etag = client.get("/static/data.bin").header("etag");
            TestResponse notModified = client.request("GET", "/static/data.bin")
                    .header("if-none-match", etag)
                    .send();
            assertThat(notModified.status()).isEqualTo(304);
            assertThat(notModified.body()).isEmpty();

            TestResponse head = client.head("/static/data.bin");
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-length")).isEqualTo("1000");
            assertThat(head.body()).isEmpty();

            TestResponse unsatisfiable = client.request("GET", "/static/data.bin")
                    .header("range", "bytes=5000-")
                    .send();
            assertThat(unsatisfiable.status()).isEqualTo(416);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void htmlModeServesIndexPagesAndThe404Page(Transport transport) {
        try (TestClient client = client(transport)) {
            TestResponse home = client.get("/site/");
            assertThat(home.status()).isEqualTo(200);
            assertThat(home.text()).isEqualTo("<h1>home</h1>");
            assertThat(home.header("content-type")).isEqualTo("text/html; charset=utf-8");
            assertThat(client.get("/site/docs/").text()).isEqualTo("<h1>docs</h1>");

            TestResponse redirect = client.get("/site/docs?x=1");
            assertThat(redirect.status()).isEqualTo(307);
            assertThat(redirect.header("location")).isEqualTo("/site/docs/?x=1");
            assertThat(client.get("/site").header("location")).isEqualTo("/site/");

            TestResponse missing = client.get("/site/nope.html");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.text()).isEqualTo("<h1>no such page</h1>");
            assertThat(missing.header("content-type")).isEqualTo("text/html; charset=utf-8");
            // a directory without index.html is as missing as a file
            assertThat(client.get("/site/empty/").text()).isEqualTo("<h1>no such page</h1>");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void attachmentModeAsksTheBrowserToSave(Transport transport) {
        try (TestClient client = client(transport)) {
            assertThat(client.get("/downloads/hello.txt").header("content-disposition"))
                    .isEqualTo("attachment; filename=\"hello.txt\"");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void routeIsNamedForUrlFor(Transport transport) {
        try (TestClient client = client(transport)) {
            assertThat(client.get("/link").text())
                    .endsWith("/static/css/site.css")
                    .startsWith("http://");
            assertThat(client.app().routeReverse("site", Map.of("file_path", "docs/index.html")))
                    .isEqualTo("/site/docs/index.html");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void guardsAndLayerSettingsApply(Transport transport) {
        App app = App.builder()
                .routeHandlers(StaticFiles.builder("/private")
                        .directories(publicDir)
                        .guards((request, handler) -> {
                            if (request.header("authorization").isEmpty()) {
                                throw new NotAuthorizedException();
                            }
                        })
                        .layer(router -> router.responseHeader("cache-control", "public, max-age=60"))
                        .build())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/private/hello.txt").status()).isEqualTo(401);
            TestResponse allowed = client.request("GET", "/private/hello.txt")
                    .header("authorization", "yes")
                    .send();
            assertThat(allowed.text()).isEqualTo("hello from public");
            assertThat(allowed.header("cache-control")).isEqualTo("public, max-age=60");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void servesADirectoryFromTheClassPath(Transport transport) {
        App app = App.builder()
                .routeHandlers(
                        StaticFiles.builder("/assets").classpath("static-test").build())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse response = client.get("/assets/greeting.txt");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("hello from the class path\n");
            assertThat(client.get("/assets/nested/deeper.txt").text()).isEqualTo("deeper\n");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void worksUnderNestedRoutersWithParametersAndAtTheRoot(Transport transport) {
        App app = App.builder()
                .routeHandlers(
                        Router.of(
                                "/t/{tenant:str}",
                                StaticFiles.builder("/files")
                                        .directories(publicDir)
                                        .name("tenant_files")
                                        .build()),
                        StaticFiles.builder("/")
                                .directories(site)
                                .htmlMode(true)
                                .name("root")
                                .build())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/t/acme/files/css/site.css").text()).isEqualTo("body { color: red }");
            assertThat(client.get("/t/a%2Fb/files/hello.txt").text()).isEqualTo("hello from public");
            assertThat(client.get("/t/acme/files/../files/hello.txt").status()).isEqualTo(404);
            assertThat(client.get("/").text()).isEqualTo("<h1>home</h1>");
            assertThat(client.get("/docs/").text()).isEqualTo("<h1>docs</h1>");
            assertThat(client.app().routeReverse("tenant_files", Map.of("tenant", "acme", "file_path", "hello.txt")))
                    .isEqualTo("/t/acme/files/hello.txt");
        }
    }

    @Test
    void refusesMissingDirectoriesAtStartup() {
        assertThatThrownBy(() -> StaticFiles.router("/static", tmp.resolve("nope")))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> StaticFiles.builder("/static").build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("no directories");
        assertThatThrownBy(() -> StaticFiles.builder("/static").classpath("no-such-dir"))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("no-such-dir");
        assertThatThrownBy(() -> App.builder()
                        .routeHandlers(StaticFiles.router("/a", publicDir), StaticFiles.router("/b", publicDir))
                        .build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("'static'");
    }
}

package dev.rigel.staticfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.RawHttp;
import dev.rigel.testing.support.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A class path directory packed in a jar (built here, loaded by its own class loader) is served
 * from the jar's entries, with the behaviour of a directory on disk: validators, 304, ranges, HEAD,
 * content types, HTML mode, refusals. Directories below the root have no entries of their own,
 * as in jars built without them. No zip file system is opened for the jar (it would index every
 * entry of an application's fat jar and keep that for good).
 */
class StaticFilesFromJarTest {

    /** Targets that would reach a file outside {@code web/} in the jar, or a hidden one, if allowed. */
    static final List<String> ATTACKS = List.of(
            "/web/../outside.txt",
            "/web/docs/../../outside.txt",
            "/web/../web-private/secret.txt",
            "/web/%2e%2e/outside.txt",
            "/web/%2E%2E/web-private/secret.txt",
            "/web/.%2e/outside.txt",
            "/web/%2e%2e%2foutside.txt",
            "/web/..%2foutside.txt",
            "/web/..%2Foutside.txt",
            "/web/docs%2f..%2f..%2foutside.txt",
            "/web/docs%2findex.html",
            "/web/..%5coutside.txt",
            "/web/..\\outside.txt",
            "/web/%252e%252e/outside.txt",
            "/web/hello.txt%00.png",
            "/web/./hello.txt",
            "/web/.env",
            "/web/.git/config",
            "/web/%2eenv");

    static final Instant MODIFIED = Instant.parse("2024-05-01T12:00:00Z");

    /** Large enough for several 64 KiB chunks, so ranges start inside a later one. */
    static final byte[] LOGO = binary(150_000);

    @TempDir
    Path tmp;

    Path jar;
    URLClassLoader loader;

    @BeforeEach
    void buildJar() throws IOException {
        jar = tmp.resolve("assets.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            directory(out, "web/");
            entry(out, "web/index.html", "<h1>jar home</h1>");
            entry(out, "web/404.html", "<h1>not in the jar</h1>");
            entry(out, "web/hello.txt", "hello from the jar");
            entry(out, "web/logo.png", LOGO);
            stored(out, "web/stored.bin", LOGO);
            entry(out, "web/.env", "TOP SECRET");
            entry(out, "web/.git/config", "TOP SECRET");
            // no entries for web/docs/ and web/docs/guide/: directories only by what is below them
            entry(out, "web/docs/index.html", "<h1>docs</h1>");
            entry(out, "web/docs/guide/page.txt", "a page");
            directory(out, "web/empty/");
            entry(out, "outside.txt", "TOP SECRET");
            entry(out, "web-private/secret.txt", "TOP SECRET");
        }
        loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
    }

    @AfterEach
    void closeLoader() throws IOException {
        loader.close();
    }

    private App app() {
        return app(false);
    }

    private App app(boolean allowHidden) {
        return App.builder()
                .routeHandlers(
                        StaticFiles.builder("/web")
                                .classpath("web", loader)
                                .allowHiddenFiles(allowHidden)
                                .build(),
                        StaticFiles.builder("/site")
                                .classpath("web", loader)
                                .htmlMode(true)
                                .name("site")
                                .build())
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void servesBytesWithTypeAndValidators(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse logo = client.get("/web/logo.png");
            assertThat(logo.status()).isEqualTo(200);
            assertThat(logo.body()).isEqualTo(LOGO);
            assertThat(logo.header("content-type")).isEqualTo("image/png");
            assertThat(logo.header("content-length")).isEqualTo(Integer.toString(LOGO.length));
            assertThat(logo.header("content-disposition")).isEqualTo("inline; filename=\"logo.png\"");
            assertThat(logo.header("accept-ranges")).isEqualTo("bytes");
            // as for a file on disk: size and modification time, the jar's timestamp to the second
            assertThat(logo.header("etag"))
                    .isEqualTo("\"" + Long.toHexString(LOGO.length) + "-" + Long.toHexString(MODIFIED.toEpochMilli())
                            + "\"");
            assertThat(logo.header("last-modified")).isEqualTo("Wed, 01 May 2024 12:00:00 GMT");

            assertThat(client.get("/web/stored.bin").body()).isEqualTo(LOGO);
            TestResponse text = client.get("/web/hello.txt");
            assertThat(text.text()).isEqualTo("hello from the jar");
            assertThat(text.header("content-type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(client.get("/web/docs/guide/page.txt").text()).isEqualTo("a page");
            assertThat(client.get("/web/docs//guide/page.txt").text()).isEqualTo("a page");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void headAndConditionalRequests(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse head = client.head("/web/logo.png");
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-length")).isEqualTo(Integer.toString(LOGO.length));
            assertThat(head.header("content-type")).isEqualTo("image/png");
            assertThat(head.body()).isEmpty();

            String etag = client.get("/web/logo.png").header("etag");
            TestResponse notModified = client.request("GET", "/web/logo.png")
                    .header("if-none-match", etag)
                    .send();
            assertThat(notModified.status()).isEqualTo(304);
            assertThat(notModified.header("etag")).isEqualTo(etag);
            assertThat(notModified.body()).isEmpty();
            TestResponse notModifiedSince = client.request("GET", "/web/logo.png")
                    .header("if-modified-since", "Wed, 01 May 2024 12:00:00 GMT")
                    .send();
            assertThat(notModifiedSince.status()).isEqualTo(304);
            TestResponse modifiedSince = client.request("GET", "/web/logo.png")
                    .header("if-modified-since", "Tue, 30 Apr 2024 12:00:00 GMT")
                    .send();
            assertThat(modifiedSince.status()).isEqualTo(200);
            assertThat(modifiedSince.body()).isEqualTo(LOGO);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void rangesOfCompressedAndStoredEntries(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            for (String path : List.of("/web/logo.png", "/web/stored.bin")) {
                TestResponse range = client.request("GET", path)
                        .header("range", "bytes=70000-140099")
                        .send();
                assertThat(range.status()).as(path).isEqualTo(206);
                assertThat(range.header("content-range")).as(path).isEqualTo("bytes 70000-140099/" + LOGO.length);
                assertThat(range.body()).as(path).isEqualTo(Arrays.copyOfRange(LOGO, 70000, 140100));

                TestResponse suffix =
                        client.request("GET", path).header("range", "bytes=-10").send();
                assertThat(suffix.status()).as(path).isEqualTo(206);
                assertThat(suffix.body()).as(path).isEqualTo(Arrays.copyOfRange(LOGO, LOGO.length - 10, LOGO.length));

                TestResponse unsatisfiable = client.request("GET", path)
                        .header("range", "bytes=999999-")
                        .send();
                assertThat(unsatisfiable.status()).as(path).isEqualTo(416);
                assertThat(unsatisfiable.header("content-range")).as(path).isEqualTo("bytes */" + LOGO.length);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void directoriesAndMissingFilesAreTheStandard404(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            for (String path : List.of(
                    "/web",
                    "/web/",
                    "/web/docs",
                    "/web/docs/",
                    "/web/docs/guide",
                    "/web/empty/",
                    "/web/nope.txt",
                    "/web/hello.txt/more",
                    "/web/docs/guide/nope.txt")) {
                TestResponse response = client.get(path);
                assertThat(response.status()).as(path).isEqualTo(404);
                assertThat(response.jsonMap()).as(path).containsEntry("status_code", 404);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void htmlModeServesIndexPagesRedirectsAndThe404Page(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse home = client.get("/site/");
            assertThat(home.status()).isEqualTo(200);
            assertThat(home.text()).isEqualTo("<h1>jar home</h1>");
            assertThat(home.header("content-type")).isEqualTo("text/html; charset=utf-8");
            assertThat(client.get("/site").header("location")).isEqualTo("/site/");

            // a directory known only by the entries below it
            TestResponse redirect = client.get("/site/docs?x=1");
            assertThat(redirect.status()).isEqualTo(307);
            assertThat(redirect.header("location")).isEqualTo("/site/docs/?x=1");
            assertThat(client.get("/site/docs/").text()).isEqualTo("<h1>docs</h1>");

            for (String path : List.of("/site/nope.html", "/site/docs/guide/", "/site/empty/", "/site/.env")) {
                TestResponse missing = client.get(path);
                assertThat(missing.status()).as(path).isEqualTo(404);
                assertThat(missing.text()).as(path).isEqualTo("<h1>not in the jar</h1>");
                assertThat(missing.header("content-type")).as(path).isEqualTo("text/html; charset=utf-8");
            }
        }
    }

    /** Refused the same as on disk; in-process the target reaches the app as written. */
    @Test
    void hiddenFilesAndTraversalAreRefusedInProcess() {
        try (TestClient client = TestClient.of(app())) {
            for (String attack : ATTACKS) {
                TestResponse response = client.get(attack);
                assertThat(response.status()).as(attack).isEqualTo(404);
                assertThat(response.text()).as(attack).doesNotContain("SECRET");
            }
            assertThat(client.get("/web/hello.txt").status()).isEqualTo(200);
        }
        try (TestClient client = TestClient.of(app(true))) {
            assertThat(client.get("/web/.env").text()).isEqualTo("TOP SECRET");
            assertThat(client.get("/web/../outside.txt").status()).isEqualTo(404);
        }
    }

    /** Over a raw socket, so no client normalises the target first. */
    @Test
    void hiddenFilesAndTraversalAreRefusedOverTheRealServer() throws IOException {
        RigelServer server = Clients.startServer(app(), ServerConfig.builder());
        try {
            URI base = URI.create(server.url());
            for (String attack : ATTACKS) {
                assertThat(RawHttp.get(base, attack))
                        .as(attack)
                        .startsWith("HTTP/1.1 404")
                        .doesNotContain("SECRET");
            }
            assertThat(RawHttp.get(base, "/web/hello.txt")).startsWith("HTTP/1.1 200");
        } finally {
            server.stop();
        }
    }

    @Test
    void noZipFileSystemIsOpenedForTheJar() {
        try (TestClient client = TestClient.of(app())) {
            assertThat(client.get("/web/logo.png").body()).isEqualTo(LOGO);
            assertThat(client.get("/site/docs/").status()).isEqualTo(200);
        }
        URI jarUri = URI.create("jar:" + jar.toUri());
        assertThatThrownBy(() -> FileSystems.getFileSystem(jarUri)).isInstanceOf(FileSystemNotFoundException.class);
    }

    @Test
    void aFileInTheJarIsNoDirectory() {
        assertThatThrownBy(() -> StaticFiles.builder("/x").classpath("web/hello.txt", loader))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("not a directory");
    }

    private static void directory(JarOutputStream out, String name) throws IOException {
        out.putNextEntry(timed(new JarEntry(name)));
        out.closeEntry();
    }

    private static void entry(JarOutputStream out, String name, String content) throws IOException {
        entry(out, name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void entry(JarOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(timed(new JarEntry(name)));
        out.write(content);
        out.closeEntry();
    }

    /** An uncompressed entry: its bytes sit in the jar as they are. */
    private static void stored(JarOutputStream out, String name, byte[] content) throws IOException {
        JarEntry entry = timed(new JarEntry(name));
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setCrc(crc.getValue());
        out.putNextEntry(entry);
        out.write(content);
        out.closeEntry();
    }

    private static JarEntry timed(JarEntry entry) {
        entry.setLastModifiedTime(FileTime.from(MODIFIED));
        return entry;
    }

    /** Bytes that compress a little (a repeated pattern with noise), every value from 0 to 255 among them. */
    private static byte[] binary(int size) {
        byte[] bytes = new byte[size];
        Random random = new Random(42);
        for (int i = 0; i < size; i++) {
            bytes[i] = i % 3 == 0 ? (byte) random.nextInt(256) : (byte) i;
        }
        return bytes;
    }
}

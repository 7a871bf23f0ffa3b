package dev.rigel.staticfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.testing.TestClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class-path directory packed in a jar, as an app's fat jar ships it: checked when the app is
 * built, its zip file system opened on the first request for a file (not at startup).
 */
class StaticFilesFromJarTest {

    @TempDir
    Path tmp;

    private URLClassLoader jar() throws IOException {
        Path jar = tmp.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("static/"));
            out.putNextEntry(new JarEntry("static/css/"));
            write(out, "static/css/site.css", "body { color: red }");
            write(out, "static/index.html", "<h1>home</h1>");
            write(out, "not-a-directory.txt", "text");
        }
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
    }

    private static void write(OutputStream out, String name, String text) throws IOException {
        ((JarOutputStream) out).putNextEntry(new JarEntry(name));
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void filesAreServedFromTheJarWhoseFileSystemOpensOnTheFirstRequest() throws Exception {
        try (URLClassLoader loader = jar()) {
            URI jarUri = URI.create("jar:" + tmp.resolve("app.jar").toUri());
            App app = App.builder()
                    .routeHandlers(StaticFiles.builder("/static")
                            .classpath("static", loader)
                            .htmlMode(true)
                            .build())
                    .build();
            assertThat(zipFileSystemOpen(jarUri))
                    .as("open after the app is built")
                    .isFalse();
            try (TestClient client = TestClient.of(app)) {
                assertThat(client.get("/static/css/site.css").text()).isEqualTo("body { color: red }");
                assertThat(client.get("/static/").text()).isEqualTo("<h1>home</h1>");
                assertThat(client.get("/static/missing.css").status()).isEqualTo(404);
            }
            assertThat(zipFileSystemOpen(jarUri)).isTrue();
            FileSystems.getFileSystem(jarUri).close();
        }
    }

    @Test
    void aMissingDirectoryOrAFileInItsPlaceStillStopsTheAppWhenItIsBuilt() throws Exception {
        try (URLClassLoader loader = jar()) {
            assertThatThrownBy(() -> StaticFiles.builder("/s").classpath("nothing-here", loader))
                    .isInstanceOf(ImproperlyConfiguredException.class)
                    .hasMessageContaining("no directory 'nothing-here' on the class path");
            assertThatThrownBy(() -> StaticFiles.builder("/s").classpath("not-a-directory.txt", loader))
                    .isInstanceOf(ImproperlyConfiguredException.class)
                    .hasMessageContaining("classpath:not-a-directory.txt is not a directory");
        }
    }

    private static boolean zipFileSystemOpen(URI uri) {
        try {
            FileSystems.getFileSystem(uri);
            return true;
        } catch (FileSystemNotFoundException e) {
            return false;
        }
    }
}

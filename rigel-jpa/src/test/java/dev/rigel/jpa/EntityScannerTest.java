package dev.rigel.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.jpa.internal.EntityScanner;
import dev.rigel.jpa.support.TestDatabase;
import dev.rigel.jpa.testmodel.Author;
import dev.rigel.jpa.testmodel.Book;
import dev.rigel.jpa.testmodel.Tag;
import dev.rigel.testing.TestClient;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entity packages: found in directories and jars, non-entities left out, mistakes reported at build. */
class EntityScannerTest {

    static final String MODEL = "dev.rigel.jpa.testmodel";

    @Test
    void findsTheEntitiesOfAPackageInADirectory() {
        List<Class<?>> found = EntityScanner.scan(getClass().getClassLoader(), MODEL);
        assertThat(found).containsExactly(Author.class, Book.class, Tag.class);
    }

    @Test
    void findsTheEntitiesOfAPackageInAJarWithoutInitialisingThem(@TempDir Path temp) throws IOException {
        Path classes = Path.of(
                Author.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path jar = temp.resolve("model.jar");
        writeJar(classes, jar);
        // only the jar: the platform loader as parent cannot see the test classes directory
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            List<Class<?>> found = EntityScanner.scan(loader, MODEL);
            assertThat(found)
                    .extracting(Class::getName)
                    .containsExactly(Author.class.getName(), Book.class.getName(), Tag.class.getName());
            assertThat(found)
                    .allSatisfy(type -> assertThat(type.getClassLoader()).isSameAs(loader));
        }
    }

    private static void writeJar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes.resolve(MODEL.replace('.', '/')))) {
            for (String directory : List.of("dev/", "dev/rigel/", "dev/rigel/jpa/", "dev/rigel/jpa/testmodel/")) {
                out.putNextEntry(new JarEntry(directory));
                out.closeEntry();
            }
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                out.putNextEntry(
                        new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    @Test
    void aPackageWithoutEntitiesFailsTheBuild() {
        assertThatThrownBy(() -> EntityScanner.scan(getClass().getClassLoader(), "dev.rigel.jpa.support"))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("Package dev.rigel.jpa.support has no @Entity");
        JpaPlugin typo = new JpaPlugin(
                JpaConfig.builder().entityPackages("dev.rigel.jpa.testmodle").build());
        assertThatThrownBy(() -> App.builder().plugins(typo).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("dev.rigel.jpa.testmodle");
    }

    @Test
    void aConfigNeedsEntities() {
        assertThatThrownBy(() -> JpaConfig.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entities(…)")
                .hasMessageContaining("entityPackages(…)");
    }

    static long count(EntityManager dbSession) {
        return dbSession.createQuery("select count(b) from Book b", Long.class).getSingleResult();
    }

    @Test
    void aPluginWithAnEntityPackageServesItsEntities() {
        try (TestDatabase.Scratch database = TestDatabase.H2.create()) {
            JpaPlugin plugin = new JpaPlugin(JpaConfig.builder()
                    .url(database.url())
                    .entityPackages(MODEL)
                    .entities(Author.class)
                    .schemaAction(SchemaAction.DROP_AND_CREATE)
                    .build());
            App app = App.builder()
                    .plugins(plugin)
                    .routeHandlers(Route.get("/books", EntityScannerTest::count))
                    .build();
            assertThat(plugin.managedClasses()).containsExactly(Author.class, Book.class, Tag.class);
            try (TestClient client = TestClient.of(app)) {
                assertThat(client.get("/books").text()).isEqualTo("0");
            }
        }
    }
}

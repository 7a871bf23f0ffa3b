package dev.rigel.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Maven module of this repository whose main classes the rules read, found by where its classes
 * sit on the test class path: the reactor puts there either the module's {@code target/classes/}
 * directory (when the build stops at the {@code test} phase) or the jar in its {@code target/}
 * (from {@code package} on). Only this checkout's own build output counts: a module's jar from the
 * local repository (a build without {@code -am}) is someone else's snapshot and is not read, so
 * that the rules never pass or fail on stale code. Tests ({@code target/test-classes/}, {@code
 * -tests.jar}) are never read.
 */
final class RigelModule {

    /** The library modules, in the root pom's order. Add a new module here and to this module's pom. */
    static final List<RigelModule> LIBRARIES = List.of(
            library("rigel-core"),
            library("rigel-netty"),
            library("rigel-testing"),
            library("rigel-redis"),
            library("rigel-jpa"),
            library("rigel-pebble"),
            library("rigel-metrics"),
            library("rigel-otel"),
            library("rigel-postgres"),
            library("rigel-pgclient"),
            library("rigel-openapi"),
            library("rigel-msgpack"),
            library("rigel-security"),
            library("rigel-config"),
            library("rigel-cli"));

    /** The example app: a consumer of the libraries, held to the same rules. */
    static final RigelModule SEED_APP = new RigelModule("seed-app", "examples/seed-app", "dev.rigel.examples");

    static final RigelModule CORE = LIBRARIES.get(0);

    /** Every module the rules read: the libraries and the example app. */
    static final List<RigelModule> ALL =
            Stream.concat(LIBRARIES.stream(), Stream.of(SEED_APP)).toList();

    /** The module's artifactId, as the rules' messages name it. */
    private final String name;
    /** The module's directory relative to the repository root. */
    private final String directory;
    /**
     * Where not null, only classes in this package (and below) belong to the module: the example
     * app's jar is shaded and holds copies of every module's classes.
     */
    private final String onlyPackage;

    private final Pattern location;

    private RigelModule(String name, String directory, String onlyPackage) {
        this.name = name;
        this.directory = directory;
        this.onlyPackage = onlyPackage;
        this.location = locationPattern();
    }

    String name() {
        return name;
    }

    String directory() {
        return directory;
    }

    private static RigelModule library(String artifactId) {
        return new RigelModule(artifactId, artifactId, null);
    }

    /**
     * The module's class files: {@code …/<directory>/target/classes/…} or {@code
     * …/<directory>/target/<name>-<version>.jar!/…} (or without the version, as the example app's
     * jar is named), but not {@code …-tests.jar}.
     */
    private Pattern locationPattern() {
        return Pattern.compile(".*/" + Pattern.quote(directory) + "/target/(?:classes/|" + Pattern.quote(name)
                + "(?:-[0-9][^/!]*)?(?<!-tests)(?<!-sources)\\.jar!/).*");
    }

    boolean contains(URI classFile) {
        String uri = classFile.toString();
        if (!location.matcher(uri).matches()) {
            return false;
        }
        return onlyPackage == null || uri.contains("/" + onlyPackage.replace('.', '/') + "/");
    }

    /** This module's classes among {@code classes}, found by the location each was read from. */
    JavaClasses classesIn(JavaClasses classes) {
        return classes.that(DescribedPredicate.describe(
                "are classes of " + name,
                (JavaClass javaClass) -> javaClass
                        .getSource()
                        .map(source -> contains(source.getUri()))
                        .orElse(false)));
    }

    @Override
    public String toString() {
        return name;
    }

    /** The main classes of every module, imported once for all the tests. */
    static JavaClasses importedClasses() {
        return Imported.CLASSES;
    }

    private static final class Imported {
        static final JavaClasses CLASSES = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(Imported::ofAnyModule)
                .importPackages("dev.rigel");

        private static boolean ofAnyModule(Location location) {
            return ALL.stream().anyMatch(module -> module.contains(location.asURI()));
        }
    }
}

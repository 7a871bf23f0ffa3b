package dev.rigel.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rigel's module descriptors at run time. Every other test runs on the class path; this one
 * compiles a tiny app as a named module against rigel-core and rigel-netty (the jars, or
 * target/classes, of this build, found on the test class path) and starts it in a child JVM on the
 * module path: {@code java --module-path … -m smoke.app/smoke.app.Main}. The app serves a JSON
 * record, an {@code OffsetPagination}, a cached response (the cache stores it as JSON through
 * Jackson) and a validation error, which exercises the exports, the {@code requires} (Jackson,
 * Hibernate Validator with Jakarta EL, Netty) and the {@code opens} that Jackson and Rigel's own
 * reflection need.
 */
class ModulePathTest {

    private static final String MODULE_INFO = """
            module smoke.app {
                requires dev.rigel.netty;
                requires jakarta.validation;
                // Rigel reads the handler lambdas back (SerializedLambda), Jackson writes and reads the
                // records, Hibernate Validator reads the constrained one
                opens smoke.app to dev.rigel.core, com.fasterxml.jackson.databind, org.hibernate.validator;
            }
            """;

    private static final String MAIN = """
            package smoke.app;

            import dev.rigel.App;
            import dev.rigel.Route;
            import dev.rigel.netty.RigelServer;
            import dev.rigel.netty.ServerConfig;
            import dev.rigel.pagination.OffsetPagination;
            import jakarta.validation.constraints.NotBlank;
            import java.util.List;

            public final class Main {

                private static final java.util.concurrent.atomic.AtomicInteger CALLS =
                        new java.util.concurrent.atomic.AtomicInteger();

                public record Greeting(String message, String coreModule, boolean appNamed) {}

                public record NewItem(@NotBlank String name) {}

                public static void main(String[] args) throws Exception {
                    App app = App.builder()
                            .routeHandlers(
                                    Route.get("/hello", () -> new Greeting(
                                            "hello", App.class.getModule().getName(), Main.class.getModule().isNamed())),
                                    Route.get("/page", () -> new OffsetPagination<>(List.of("a", "b"), 2, 0, 3)),
                                    Route.get("/cached", () -> new Greeting(
                                                    "cached " + CALLS.incrementAndGet(), null, true))
                                            .cache(60),
                                    Route.post("/items", (NewItem data) -> data))
                            .build();
                    RigelServer server = RigelServer.start(
                            app, ServerConfig.builder().host("127.0.0.1").port(0).build());
                    System.out.println("LISTENING " + server.port());
                    System.out.flush();
                    while (System.in.read() != -1) {
                        // the test closes stdin to stop the app
                    }
                    server.stop();
                }
            }
            """;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aTinyAppServesJsonOnTheModulePath(@TempDir Path dir) throws Exception {
        List<Path> modulePath = modulesFor("dev.rigel.netty");
        String path = modulePath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));

        Path sources = dir.resolve("src/smoke.app");
        Files.createDirectories(sources.resolve("smoke/app"));
        Files.writeString(sources.resolve("module-info.java"), MODULE_INFO);
        Files.writeString(sources.resolve("smoke/app/Main.java"), MAIN);
        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(
                null,
                null,
                null,
                "--release",
                "21",
                "-g", // Rigel reads lambda parameter names from the local variable table
                "-parameters",
                "--module-path",
                path,
                "-d",
                classes.toString(),
                sources.resolve("module-info.java").toString(),
                sources.resolve("smoke/app/Main.java").toString());
        assertThat(compiled).as("javac exit code").isZero();

        // logback (this class path's SLF4J provider, bound on the module path too) at INFO, not its
        // default DEBUG
        Path logback = dir.resolve("logback.xml");
        Files.writeString(logback, """
                <configuration>
                  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%level %logger - %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="out"/></root>
                </configuration>
                """);
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process app = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        // Netty (module io.netty.common) loads native libraries, which JDK 24+ warns about
                        "--enable-native-access=io.netty.common",
                        "-Dlogback.configurationFile=" + logback,
                        "--module-path",
                        path + File.pathSeparator + classes,
                        "-m",
                        "smoke.app/smoke.app.Main")
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        try {
            int port = awaitPort(app, stdout);
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            URI base = URI.create("http://127.0.0.1:" + port);

            HttpResponse<String> hello = client.send(
                    HttpRequest.newBuilder(base.resolve("/hello")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(hello.statusCode()).as(hello.body()).isEqualTo(200);
            assertThat(hello.headers().firstValue("content-type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(hello.body())
                    .isEqualTo("{\"message\":\"hello\",\"coreModule\":\"dev.rigel.core\",\"appNamed\":true}");

            HttpResponse<String> page = client.send(
                    HttpRequest.newBuilder(base.resolve("/page")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(page.body()).isEqualTo("{\"items\":[\"a\",\"b\"],\"limit\":2,\"offset\":0,\"total\":3}");

            for (int i = 0; i < 2; i++) { // a miss that stores the response, then a hit replaying it
                HttpResponse<String> cached = client.send(
                        HttpRequest.newBuilder(base.resolve("/cached")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(cached.statusCode()).as(cached.body()).isEqualTo(200);
                assertThat(cached.body()).isEqualTo("{\"message\":\"cached 1\",\"coreModule\":null,\"appNamed\":true}");
            }

            HttpResponse<String> invalid = client.send(
                    HttpRequest.newBuilder(base.resolve("/items"))
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\" \"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(invalid.statusCode()).as(invalid.body()).isEqualTo(400);
            assertThat(invalid.body()).contains("\"extra\":[{\"key\":\"name\"");

            HttpResponse<String> created = client.send(
                    HttpRequest.newBuilder(base.resolve("/items"))
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"tea\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.body()).isEqualTo("{\"name\":\"tea\"}");
        } catch (AssertionError | Exception e) {
            throw new AssertionError(e.getMessage() + "\nthe app's output:\n" + output(stdout, stderr), e);
        } finally {
            app.getOutputStream().close();
            if (!app.waitFor(20, TimeUnit.SECONDS)) {
                app.destroyForcibly();
                app.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** An app that does not open its package to Rigel is told so when it builds, not with a riddle. */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void anAppThatDoesNotOpenItsPackageIsToldHowToFixIt(@TempDir Path dir) throws Exception {
        String path = modulesFor("dev.rigel.core").stream()
                .map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
        Path sources = dir.resolve("src/closed.app");
        Files.createDirectories(sources.resolve("closed/app"));
        Files.writeString(sources.resolve("module-info.java"), """
                module closed.app {
                    requires dev.rigel.core;
                }
                """);
        Files.writeString(sources.resolve("closed/app/Main.java"), """
                package closed.app;

                import dev.rigel.App;
                import dev.rigel.Route;

                public final class Main {
                    public static void main(String[] args) {
                        App.builder().autoPlugins(false).routeHandlers(Route.get("/hello", () -> "hi")).build();
                    }
                }
                """);
        Path classes = dir.resolve("classes");
        int compiled = ToolProvider.getSystemJavaCompiler()
                .run(
                        null,
                        null,
                        null,
                        "--release",
                        "21",
                        "-g",
                        "--module-path",
                        path,
                        "-d",
                        classes.toString(),
                        sources.resolve("module-info.java").toString(),
                        sources.resolve("closed/app/Main.java").toString());
        assertThat(compiled).as("javac exit code").isZero();
        Path stdout = dir.resolve("stdout.txt");
        Path stderr = dir.resolve("stderr.txt");
        Process app = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--module-path",
                        path + File.pathSeparator + classes,
                        "-m",
                        "closed.app/closed.app.Main")
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        assertThat(app.waitFor(90, TimeUnit.SECONDS)).as("the app ends").isTrue();
        assertThat(app.exitValue()).as(output(stdout, stderr)).isNotZero();
        assertThat(read(stderr))
                .contains("does not open package closed.app to dev.rigel.core")
                .contains("opens closed.app to dev.rigel.core;");
    }

    /**
     * Waits until the app prints its port on stdout; fails if it exits or takes too long first. (Its
     * output goes to files, so a chatty log never blocks it on a full pipe.)
     */
    private static int awaitPort(Process app, Path stdout) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readString(stdout, StandardCharsets.ISO_8859_1)
                    .lines()
                    .toList()) {
                if (line.startsWith("LISTENING ")) {
                    return Integer.parseInt(
                            line.substring("LISTENING ".length()).trim());
                }
            }
            if (!app.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the app on the module path did not start");
    }

    private static String output(Path stdout, Path stderr) {
        return read(stdout) + "\n--- stderr:\n" + read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /**
     * The module path for {@code root}: the entries of this test's class path that hold the modules
     * it resolves to, service providers included. Each entry is looked at on its own, so the ones
     * that are no module (test-classes) are left out.
     */
    private static List<Path> modulesFor(String root) {
        Map<String, Path> byName = new LinkedHashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.exists(path)) {
                continue;
            }
            Set<ModuleReference> found;
            try {
                found = ModuleFinder.of(path).findAll();
            } catch (RuntimeException notAModule) {
                continue;
            }
            if (found.size() == 1 && !nameFromFileName(found.iterator().next(), path)) {
                byName.putIfAbsent(found.iterator().next().descriptor().name(), path);
            }
        }
        assertThat(byName).as("modules on the test class path").containsKeys("dev.rigel.core", root);
        Configuration resolved = ModuleLayer.boot()
                .configuration()
                .resolveAndBind(
                        ModuleFinder.of(byName.values().toArray(Path[]::new)), ModuleFinder.ofSystem(), Set.of(root));
        Set<Path> paths = new LinkedHashSet<>();
        for (ResolvedModule module : resolved.modules()) {
            Path path = byName.get(module.name());
            if (path != null) { // null: a JDK module
                paths.add(path);
            }
        }
        return new ArrayList<>(paths);
    }

    /**
     * Whether {@code module} is an automatic module named after its jar file: a test jar (which
     * would split packages with the module it tests) or a jar that names no module. None is needed
     * here, and any would be resolved with every other automatic module.
     */
    private static boolean nameFromFileName(ModuleReference module, Path path) {
        if (!module.descriptor().isAutomatic() || !Files.isRegularFile(path)) {
            return false;
        }
        try (JarFile jar = new JarFile(path.toFile())) {
            Manifest manifest = jar.getManifest();
            return manifest == null || manifest.getMainAttributes().getValue("Automatic-Module-Name") == null;
        } catch (IOException e) {
            return true;
        }
    }
}

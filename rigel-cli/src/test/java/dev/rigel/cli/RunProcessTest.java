package dev.rigel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} and {@code run --reload} in a real process, as {@code java -jar app.jar} runs them. */
class RunProcessTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void runServesTheAppWithItsSettings() throws Exception {
        int port = freePort();
        Path output = dir.resolve("output.txt");
        process = start(
                ProcessBuilder.Redirect.to(output.toFile()),
                System.getProperty("java.class.path"),
                CliTestApp.class.getName(),
                "--port",
                Integer.toString(port),
                "--greeting=from the command line");
        assertThat(awaitBody(port, body -> body.equals("from the command line"), Duration.ofSeconds(60)))
                .isEqualTo("from the command line");
        // no logback.xml on this class path: Rigel's default logging (DefaultLogging), not logback's DEBUG one
        assertThat(Files.readAllLines(output))
                .anyMatch(line ->
                        line.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[main\\] d\\.r\\.netty\\.RigelServer"
                                + " - Rigel listening on http://127\\.0\\.0\\.1:" + port + " .*"))
                .noneMatch(line -> line.contains("DEBUG"));
    }

    @Test
    void reloadSwapsInTheRecompiledAppOnTheSamePort() throws Exception {
        Path sources = Files.createDirectories(dir.resolve("src/reloadtest"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        compile(sources, classes, "first");
        int port = freePort();
        process = start(
                classes + java.io.File.pathSeparator + System.getProperty("java.class.path"),
                "reloadtest.ReloadApp",
                "run",
                "--reload",
                "--port",
                Integer.toString(port));
        assertThat(awaitBody(port, "first"::equals, Duration.ofSeconds(60))).isEqualTo("first");

        compile(sources, classes, "second");
        long compiled = System.nanoTime();
        assertThat(awaitBody(port, "second"::equals, Duration.ofSeconds(10))).isEqualTo("second");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - compiled);
        System.out.println("reload answered the new code " + millis + " ms after the compile");

        // a change that does not build an app leaves the last good one serving
        Files.writeString(sources.resolve("Broken.java"), "package reloadtest; public class Broken {}");
        compile(sources, classes, "third-but-main-throws");
        Thread.sleep(1500);
        assertThat(get(port)).isEqualTo("second");
    }

    private void compile(Path sources, Path classes, String answer) throws IOException {
        boolean throwing = answer.contains("throws");
        Files.writeString(sources.resolve("ReloadApp.java"), """
                package reloadtest;

                import dev.rigel.App;
                import dev.rigel.Route;
                import dev.rigel.cli.RigelCli;

                public final class ReloadApp {
                    public static App create() {
                        if (%s) {
                            throw new IllegalStateException("this version does not start");
                        }
                        return App.builder().routeHandlers(Route.get("/", () -> "%s")).build();
                    }

                    public static void main(String[] args) {
                        int status = RigelCli.of(ReloadApp::create).execute(args);
                        if (status != 0) {
                            System.exit(status);
                        }
                    }
                }
                """.formatted(throwing, answer));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(
                List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"), "-proc:none"));
        try (var files = Files.list(sources)) {
            files.forEach(f -> args.add(f.toString()));
        }
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).isZero();
    }

    private static Process start(String classPath, String mainClass, String... args) throws IOException {
        return start(ProcessBuilder.Redirect.DISCARD, classPath, mainClass, args);
    }

    private static Process start(ProcessBuilder.Redirect output, String classPath, String mainClass, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                classPath,
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output)
                .start();
    }

    private String awaitBody(int port, java.util.function.Predicate<String> wanted, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the app process is running").isTrue();
            last = get(port);
            if (last != null && wanted.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        return last;
    }

    private static String get(int port) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            return null; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

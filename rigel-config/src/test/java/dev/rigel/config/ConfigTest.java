package dev.rigel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.security.SecretString;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

    public record AppSettings(
            @Valid ServerSettings server,
            @Description("greeting") @Default("hello") String greeting,
            @Default("3") int retries,
            @Default("250ms") Duration backoff,
            List<String> tags,
            @Size(min = 8) SecretString apiToken,
            String databasePassword,
            @Default("false") boolean verbose) {}

    public record Required(@NotNull String name, int count) {}

    @TempDir
    Path dir;

    @TempDir
    Path classpath;

    private Config.Builder builder() {
        return Config.builder()
                .settings(AppSettings.class)
                .settings("server", ServerSettings.class)
                .alias("server.port", "port")
                .environment(Map.of())
                .directory(dir)
                .classLoader(new URLClassLoader(new URL[] {url(classpath)}, null));
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void write(Path folder, String name, String text) throws IOException {
        Files.writeString(folder.resolve(name), text);
    }

    @Test
    void defaultsApplyWhenNothingIsSet() {
        Config config = builder().build();
        AppSettings settings = config.get(AppSettings.class);
        assertThat(settings.greeting()).isEqualTo("hello");
        assertThat(settings.retries()).isEqualTo(3);
        assertThat(settings.backoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.server().port()).isEqualTo(8000);
        assertThat(settings.server().idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.tags()).isNull();
        assertThat(config.get(ServerSettings.class)).isEqualTo(settings.server());
    }

    @Test
    void eachSourceOverridesTheOneBelowIt() throws IOException {
        write(classpath, "application.yaml", "greeting: from-classpath\nretries: 1\nserver:\n  port: 1001\n");
        write(dir, "application.yaml", "retries: 2\nserver:\n  port: 1002\n  host: 0.0.0.0\n");
        write(dir, "application-prod.yml", "server:\n  port: 1003\n");
        Config config = builder()
                .environment(Map.of("RIGEL_PROFILE", "prod", "SERVER_HOST", "10.0.0.1", "RETRIES", "4"))
                .args("--retries=5")
                .build();
        AppSettings settings = config.get(AppSettings.class);
        assertThat(settings.greeting()).isEqualTo("from-classpath");
        assertThat(settings.server().port()).isEqualTo(1003);
        assertThat(settings.server().host()).isEqualTo("10.0.0.1");
        assertThat(settings.retries()).isEqualTo(5);
        assertThat(config.profiles()).containsExactly("prod");
        assertThat(config.entries())
                .contains(
                        new Config.Entry("greeting", "from-classpath", "application.yaml on the class path"),
                        new Config.Entry("retries", "5", "flag --retries"),
                        new Config.Entry("server.host", "10.0.0.1", "environment variable SERVER_HOST"),
                        new Config.Entry(
                                "server.port",
                                "1003",
                                dir.resolve("application-prod.yml")
                                        .toAbsolutePath()
                                        .toString()),
                        new Config.Entry("server.idle-timeout", "60s", "default"));
    }

    @Test
    void laterProfilesWinAndTheFlagChoosesOverTheVariable() throws IOException {
        write(dir, "application-a.yaml", "greeting: a\nretries: 7\n");
        write(dir, "application-b.properties", "greeting=b\n");
        Config config = builder()
                .environment(Map.of("RIGEL_PROFILE", "nope"))
                .args("--profile", "a,b")
                .build();
        assertThat(config.get(AppSettings.class).greeting()).isEqualTo("b");
        assertThat(config.get(AppSettings.class).retries()).isEqualTo(7);
    }

    @Test
    void aliasesAreFlagsAndVariables() {
        assertThat(builder()
                        .args("--port", "9001")
                        .build()
                        .get(ServerSettings.class)
                        .port())
                .isEqualTo(9001);
        assertThat(builder()
                        .environment(Map.of("PORT", "9002"))
                        .build()
                        .get(ServerSettings.class)
                        .port())
                .isEqualTo(9002);
        // the key's own variable wins over the alias's
        assertThat(builder()
                        .environment(Map.of("PORT", "9002", "SERVER_PORT", "9003"))
                        .build()
                        .get(ServerSettings.class)
                        .port())
                .isEqualTo(9003);
    }

    @Test
    void filesMaySpellKeysInCamelCaseOrWithUnderscores() throws IOException {
        write(dir, "application.yaml", "server:\n  maxBodySize: 1024\n  idle_timeout: 5m\napiToken: abcdefghij\n");
        AppSettings settings = builder().build().get(AppSettings.class);
        assertThat(settings.server().maxBodySize()).isEqualTo(1024);
        assertThat(settings.server().idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.apiToken().reveal()).isEqualTo("abcdefghij");
    }

    @Test
    void listsComeFromYamlSequencesOrCommaSeparatedText() throws IOException {
        write(dir, "application.yaml", "tags: [a, b]\n");
        assertThat(builder().build().get(AppSettings.class).tags()).containsExactly("a", "b");
        assertThat(builder()
                        .environment(Map.of("TAGS", "x, y,z"))
                        .build()
                        .get(AppSettings.class)
                        .tags())
                .containsExactly("x", "y", "z");
    }

    @Test
    void aBareBooleanFlagIsTrue() {
        assertThat(builder().args("--verbose").build().get(AppSettings.class).verbose())
                .isTrue();
        assertThat(builder()
                        .args("--verbose", "--retries=1")
                        .build()
                        .get(AppSettings.class)
                        .verbose())
                .isTrue();
        assertThat(builder()
                        .args("--verbose=false")
                        .build()
                        .get(AppSettings.class)
                        .verbose())
                .isFalse();
    }

    @Test
    void durationsTakeUnitsIsoOrMilliseconds() throws IOException {
        assertThat(builder().args("--backoff=2s").build().get(AppSettings.class).backoff())
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(builder()
                        .args("--backoff=PT1M")
                        .build()
                        .get(AppSettings.class)
                        .backoff())
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(builder()
                        .args("--backoff=1500")
                        .build()
                        .get(AppSettings.class)
                        .backoff())
                .isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> builder().args("--backoff=soon").build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid setting backoff = 'soon' (from flag --backoff): expected a Duration");
    }

    @Test
    void aWrongTypeNamesTheKeyTheSourceAndTheType() throws IOException {
        assertThatThrownBy(() -> builder().environment(Map.of("PORT", "abc")).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid setting server.port = 'abc' (from environment variable PORT): expected an int")
                .extracting(e -> ((ConfigException) e).key())
                .isEqualTo("server.port");
        write(dir, "application.yaml", "server:\n  port: abc\n");
        assertThatThrownBy(() -> builder().build())
                .hasMessage("Invalid setting server.port = 'abc' (from "
                        + dir.resolve("application.yaml").toAbsolutePath() + "): expected an int");
    }

    @Test
    void aViolatedConstraintNamesTheKeyAndSource() {
        assertThatThrownBy(() -> builder().args("--port=70000").build())
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "Invalid setting server.port = '70000' (from flag --port): must be less than or equal to 65535");
    }

    @Test
    void secretsAreNeverPrinted() throws IOException {
        assertThatThrownBy(() ->
                        builder().environment(Map.of("API_TOKEN", "short")).build())
                .hasMessage(
                        "Invalid setting api-token = ***** (from environment variable API_TOKEN): size must be between 8 and 2147483647")
                .hasMessageNotContaining("short");
        Config config = builder()
                .environment(Map.of("API_TOKEN", "long-enough-token", "DATABASE_PASSWORD", "hunter2"))
                .build();
        assertThat(config.entries())
                .contains(
                        new Config.Entry("api-token", "*****", "environment variable API_TOKEN"),
                        new Config.Entry("database-password", "*****", "environment variable DATABASE_PASSWORD"));
        assertThat(config.entries().toString()).doesNotContain("long-enough-token", "hunter2");
        assertThat(config.get(AppSettings.class).toString()).doesNotContain("long-enough-token");
    }

    @Test
    void aPasswordInsideAUrlIsMaskedWhenShown() {
        Config config = builder().args("--greeting=redis://user:pw@host:6379").build();
        assertThat(config.entries())
                .contains(new Config.Entry("greeting", "redis://user:*****@host:6379", "flag --greeting"));
    }

    @Test
    void aMissingRequiredSettingSaysHowToSetIt() {
        Config.Builder required =
                Config.builder().settings(Required.class).environment(Map.of()).directory(dir);
        assertThatThrownBy(required::build)
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "Missing setting count: set count in application.yaml, the environment variable COUNT or the flag --count");
        assertThatThrownBy(() -> Config.builder()
                        .settings(Required.class)
                        .environment(Map.of("COUNT", "1"))
                        .directory(dir)
                        .build())
                .hasMessage(
                        "Missing setting name: set name in application.yaml, the environment variable NAME or the flag --name");
    }

    @Test
    void aMalformedFileNamesTheFileAndLine() throws IOException {
        write(dir, "application.yaml", "server:\n  port: 80\n bad: [\n");
        assertThatThrownBy(() -> builder().build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        "Malformed " + dir.resolve("application.yaml").toAbsolutePath() + " (line ")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aMalformedPropertiesFileNamesTheFile() throws IOException {
        write(dir, "application.properties", "greeting=\\uZZZZ\n");
        assertThatThrownBy(() -> builder().build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(
                        "Malformed " + dir.resolve("application.properties").toAbsolutePath() + ": ");
    }

    @Test
    void aFileWhoseTopIsNotAMappingIsRefused() throws IOException {
        write(dir, "application.yaml", "- a\n- b\n");
        assertThatThrownBy(() -> builder().build())
                .hasMessage("Malformed " + dir.resolve("application.yaml").toAbsolutePath()
                        + ": the top level must be a mapping of settings, not a array");
    }

    @Test
    void anUnknownKeyInAFileSuggestsTheClosestOne() throws IOException {
        write(dir, "application.yaml", "sever:\n  port: 80\n");
        assertThatThrownBy(() -> builder().build())
                .hasMessage("Unknown setting 'sever' in "
                        + dir.resolve("application.yaml").toAbsolutePath());
        write(dir, "application.yaml", "server:\n  prot: 80\n");
        assertThatThrownBy(() -> builder().build())
                .hasMessage("Unknown setting 'server.prot' in "
                        + dir.resolve("application.yaml").toAbsolutePath() + " (did you mean server.port?)");
    }

    @Test
    void anUnknownProfileIsAnError() {
        assertThatThrownBy(() -> builder().args("--profile=staging").build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown profile 'staging': no application-staging.yaml, .yml or .properties in "
                        + dir.toAbsolutePath().normalize() + " or on the class path");
    }

    @Test
    void anUnknownFlagOrAMissingValueIsAnError() {
        assertThatThrownBy(() -> builder().args("--prot=1").build())
                .hasMessage("Unknown option --prot (did you mean --port?)");
        assertThatThrownBy(() -> builder().args("--retries").build()).hasMessage("Missing value for --retries");
        assertThatThrownBy(() -> builder().args("stray").build())
                .hasMessage("Unexpected argument 'stray': settings are given as --key=value");
    }

    @Test
    void aCompactConstructorsRefusalIsReported() {
        assertThatThrownBy(() ->
                        builder().args("--server.tls-certificate=/tmp/cert.pem").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.tls-certificate and server.tls-private-key are set together");
    }

    @Test
    void describeListsEverySettingWithItsNames() {
        List<Setting> settings = builder().describe();
        assertThat(settings)
                .filteredOn(s -> s.key().equals("server.port"))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.environmentVariables()).containsExactly("SERVER_PORT", "PORT");
                    assertThat(s.flags()).containsExactly("--server.port", "--port");
                    assertThat(s.defaultValue()).isEqualTo("8000");
                    assertThat(s.type()).isEqualTo("int");
                    assertThat(s.description()).isEqualTo("port to listen on, 0 for any free port");
                });
        assertThat(settings)
                .filteredOn(Setting::secret)
                .extracting(Setting::key)
                .containsExactly("api-token", "database-password");
    }
}

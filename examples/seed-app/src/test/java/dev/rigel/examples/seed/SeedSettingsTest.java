package dev.rigel.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.cli.RigelCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's flags and environment variables, as before rigel-config, through its real command line. */
class SeedSettingsTest {

    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {}

    private Run cli(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = RigelCli.of(SeedSettings.class, SeedApp::create)
                .name("seed-app")
                .environment(env)
                .directory(dir)
                .output(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void defaultsWhenNothingIsSet() {
        assertThat(SeedSettings.load(new String[0], Map.of())).isEqualTo(SeedSettings.defaults());
    }

    @Test
    void helpListsEveryFlagAndVariable() {
        Run help = cli(Map.of(), "--help");
        assertThat(help.status()).isZero();
        for (String flag : new String[] {
            "--host",
            "--port",
            "--api-token",
            "--rate-limit",
            "--csrf-secret",
            "--redis-url",
            "--jwt-secret",
            "--jwt-algorithm"
        }) {
            assertThat(help.out()).containsPattern(flag + "[=,]");
        }
        assertThat(help.out())
                .contains(
                        "HOST",
                        "PORT",
                        "API_TOKEN",
                        "RATE_LIMIT",
                        "CSRF_SECRET",
                        "REDIS_URL",
                        "JWT_SECRET",
                        "JWT_ALGORITHM")
                .doesNotContain(SeedSettings.DEFAULT_JWT_SECRET);
    }

    @Test
    void environmentThenFlags() {
        Map<String, String> env = Map.of("PORT", "9000", "HOST", "0.0.0.0", "API_TOKEN", "from-env");
        assertThat(SeedSettings.load(new String[0], env).apiToken()).isEqualTo("from-env");
        assertThat(SeedSettings.load(new String[] {"--api-token=from-flag"}, env)
                        .apiToken())
                .isEqualTo("from-flag");
        Run info = cli(env, "info", "--port", "9100");
        assertThat(info.status()).isZero();
        assertThat(info.out())
                .containsPattern("server.port += 9100 +\\(flag --server.port\\)")
                .containsPattern("server.host += 0.0.0.0 +\\(environment variable HOST\\)")
                .containsPattern("api-token += \\*\\*\\*\\*\\* +\\(environment variable API_TOKEN\\)")
                .doesNotContain("from-env");
    }

    @Test
    void rejectsBadInputWithOneClearLine() {
        assertThat(cli(Map.of(), "info", "--port", "eighty"))
                .isEqualTo(
                        new Run(
                                2,
                                "",
                                "seed-app: Invalid setting server.port = 'eighty' (from flag --server.port): expected an int\n"));
        assertThat(cli(Map.of(), "--colour", "blue").err())
                .isEqualTo("seed-app: Unknown options: '--colour', 'blue' (see --help)\n");
        assertThat(cli(Map.of(), "info", "--port").err())
                .isEqualTo("seed-app: Missing required parameter for option '--server.port' (<int>) (see --help)\n");
        assertThat(cli(Map.of("PORT", "70000"), "info"))
                .isEqualTo(
                        new Run(
                                2,
                                "",
                                "seed-app: Invalid setting server.port = '70000' (from environment variable PORT): must be less than or equal to 65535\n"));
        assertThatThrownBy(() -> SeedSettings.load(new String[] {"--rate-limit", "fortnight,3"}, Map.of()))
                .hasMessage(
                        "Invalid setting rate-limit = 'fortnight,3' (from flag --rate-limit): must be unit,limit with a"
                                + " unit of second, minute, hour or day, e.g. minute,60");
    }

    @Test
    void redisUrlFromTheEnvironmentOrAFlagAndEmptyMeansMemory() {
        assertThat(SeedSettings.load(new String[0], Map.of()).usesRedis()).isFalse();
        assertThat(SeedSettings.load(new String[0], Map.of("REDIS_URL", "")).usesRedis())
                .isFalse();
        assertThat(SeedSettings.load(new String[0], Map.of("REDIS_URL", "redis://cache:6379"))
                        .redisUrl())
                .isEqualTo("redis://cache:6379");
        assertThat(SeedSettings.load(
                                new String[] {"--redis-url", "redis://other:6380/1"},
                                Map.of("REDIS_URL", "redis://cache:6379"))
                        .redisUrl())
                .isEqualTo("redis://other:6380/1");
        assertThatThrownBy(() -> SeedSettings.load(new String[0], Map.of("REDIS_URL", "cache:6379")))
                .hasMessage(
                        "Invalid setting redis-url = 'cache:6379' (from environment variable REDIS_URL): must start with"
                                + " redis:// or rediss://");
    }

    @Test
    void jwtSettingsComeFromFlagsOrEnvironmentAndAreChecked() {
        SeedSettings defaults = SeedSettings.load(new String[0], Map.of());
        assertThat(defaults.usesDevelopmentJwtSecret()).isTrue();
        assertThat(defaults.jwtAlgorithm()).isEqualTo("HS256");
        SeedSettings set =
                SeedSettings.load(new String[] {"--jwt-algorithm", "RS256"}, Map.of("JWT_SECRET", "x".repeat(40)));
        assertThat(set.usesDevelopmentJwtSecret()).isFalse();
        assertThat(set.jwtSecret()).isEqualTo("x".repeat(40));
        assertThat(set.jwtAlgorithm()).isEqualTo("RS256");
        assertThatThrownBy(() -> SeedSettings.load(new String[] {"--jwt-secret", "short"}, Map.of()))
                .hasMessage(
                        "Invalid setting jwt-secret = ***** (from flag --jwt-secret): must be at least 32 bytes long");
        assertThatThrownBy(() -> SeedSettings.load(new String[0], Map.of("JWT_ALGORITHM", "none")))
                .hasMessage(
                        "Invalid setting jwt-algorithm = 'none' (from environment variable JWT_ALGORITHM): must be HS256 or RS256");
    }
}

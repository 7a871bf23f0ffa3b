package dev.rigel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rigel.redis.RedisStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RigelCliTest {

    @TempDir
    Path dir;

    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void output() {
        out = new StringWriter();
        err = new StringWriter();
    }

    private int run(Map<String, String> env, String... args) {
        return RigelCli.of(CliTestApp.Settings.class, CliTestApp::create)
                .name("cli-test")
                .environment(env)
                .directory(dir)
                .output(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args);
    }

    private int run(String... args) {
        return run(Map.of(), args);
    }

    @Test
    void helpListsTheCommandsAndEverySetting() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
                .contains("Usage: cli-test")
                .contains("train", "routes", "schema", "info", "version", "sessions", "generate-completion")
                .contains("--greeting=<string>", "what / answers (env GREETING; default hello)")
                .contains("--port, --server.port=<int>", "SERVER_PORT, PORT; default 8000)")
                .contains("--admin-token=<secretstring>")
                .doesNotContain("dev-admin-token")
                .contains("--profile=<name>", "--reload");
        assertThat(run("run", "--help")).isZero();
        assertThat(out.toString()).contains("--host, --server.host=<string>");
    }

    @Test
    void routesListsMethodsPathHandlerGuardsAndMiddleware() throws Exception {
        assertThat(run("routes")).isZero();
        String table = out.toString();
        assertThat(table.lines().findFirst().orElseThrow()).matches("METHODS +PATH +HANDLER +GUARDS +MIDDLEWARE");
        assertThat(table)
                .containsPattern(
                        "GET +/admin/stats +lambda in CliTestApp +roles\\(admin\\) +CORSMiddleware, AuditMiddleware\n");
        out.getBuffer().setLength(0);
        assertThat(run("routes", "--json", "--exclude", "^/admin")).isZero();
        JsonNode routes = new ObjectMapper().readTree(out.toString());
        assertThat(routes)
                .allSatisfy(route -> assertThat(route.get("path").asText()).doesNotStartWith("/admin"));
        assertThat(routes.get(0).get("path").asText()).isEqualTo("/");
        assertThat(routes.get(0).get("methods").toString()).isEqualTo("[\"GET\"]");
        assertThat(routes.get(0).get("guards")).isEmpty();
    }

    @Test
    void infoShowsSettingsWithTheirSourcesAndMasksSecrets() throws Exception {
        Files.writeString(dir.resolve("application.yaml"), "greeting: from-file\n");
        assertThat(run(Map.of("ADMIN_TOKEN", "a-very-secret-token"), "info", "--port=9123"))
                .isZero();
        assertThat(out.toString())
                .contains("Rigel:", "Java:")
                .containsPattern("greeting += from-file +\\("
                        + java.util.regex.Pattern.quote(
                                dir.resolve("application.yaml").toString()) + "\\)")
                .containsPattern("server.port += 9123 +\\(flag --server.port\\)")
                .containsPattern("admin-token += \\*\\*\\*\\*\\* +\\(environment variable ADMIN_TOKEN\\)")
                .doesNotContain("a-very-secret-token")
                .contains("Plugins:", "Routes:");
    }

    @Test
    void versionPrintsRigelAndJava() {
        assertThat(run("version")).isZero();
        assertThat(out.toString())
                .startsWith("Rigel ")
                .contains("Java " + Runtime.version().feature());
        out.getBuffer().setLength(0);
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("Rigel ");
    }

    @Test
    void schemaOpenapiWritesJsonOrYaml() throws Exception {
        Path yaml = dir.resolve("api/openapi.yaml");
        assertThat(run("schema", "openapi", "--output", yaml.toString())).isZero();
        JsonNode fromFile = new ObjectMapper(new YAMLFactory()).readTree(yaml.toFile());
        assertThat(fromFile.at("/paths").has("/admin/stats")).isTrue();
        out.getBuffer().setLength(0);
        assertThat(run("schema", "openapi")).isZero();
        assertThat(new ObjectMapper().readTree(out.toString())).isEqualTo(fromFile);
    }

    @Test
    void schemaTypescriptWritesTheTypesOfEveryOperation() throws Exception {
        Path types = dir.resolve("web/api.d.ts");
        assertThat(run("schema", "typescript", "--output", types.toString())).isZero();
        String written = java.nio.file.Files.readString(types);
        assertThat(written).contains("export interface Operations {").contains("\"/admin/stats\": {");
        out.getBuffer().setLength(0);
        assertThat(run("schema", "typescript")).isZero();
        assertThat(out.toString()).isEqualTo(written);
    }

    @Test
    void generatesAShellCompletionScript() {
        assertThat(run("generate-completion")).isZero();
        assertThat(out.toString()).contains("complete -F").contains("routes").contains("--greeting");
    }

    @Test
    void badInputExitsWithStatusTwoAndOneLine() throws Exception {
        assertBad(run("frobnicate"), "cli-test: Unmatched argument at index 0: 'frobnicate' (see --help)");
        assertBad(run("routes", "--prot=1"), "cli-test: Unknown option: '--prot=1' (see --help)");
        assertBad(
                run("routes", "--port", "abc"),
                "cli-test: Invalid setting server.port = 'abc' (from flag --server.port): expected an int");
        assertBad(
                run(Map.of("PORT", "70000"), "routes"),
                "cli-test: Invalid setting server.port = '70000' (from environment variable PORT): must be less than or equal to 65535");
        assertBad(
                run("routes", "--profile", "staging"),
                "cli-test: Unknown profile 'staging': no application-staging.yaml," + " .yml or .properties in "
                        + dir.toAbsolutePath().normalize() + " or on the class path");
        assertBad(
                run(Map.of("ADMIN_TOKEN", "short"), "info"),
                "cli-test: Invalid setting admin-token = ***** (from environment variable ADMIN_TOKEN): size must be between 8 and 2147483647");
        Files.writeString(dir.resolve("application.yaml"), "greeting: [unclosed\n");
        int status = run("info");
        assertThat(status).isEqualTo(2);
        assertThat(err.toString())
                .startsWith(
                        "cli-test: Malformed " + dir.resolve("application.yaml").toAbsolutePath());
        assertThat(err.toString().lines()).hasSize(1);
        Files.writeString(dir.resolve("application.yaml"), "greeting: ''\n");
        err.getBuffer().setLength(0);
        assertBad(
                run("routes"),
                "cli-test: Invalid setting greeting = '' (from "
                        + dir.resolve("application.yaml").toAbsolutePath() + "): must not be blank");
    }

    @Test
    void runWithTlsFilesThatAreNotThereFailsWithOneLine() {
        Path missing = dir.resolve("missing.pem");
        int status = run("run", "--port=0", "--tls-cert", missing.toString(), "--tls-key", missing.toString());
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).startsWith("cli-test: ").contains("missing.pem");
        assertThat(err.toString().lines()).hasSize(1);
        err.getBuffer().setLength(0);
        assertBad(
                run("run", "--tls-cert", missing.toString()),
                "cli-test: Invalid settings for ServerSettings: server.tls-certificate and server.tls-private-key are set"
                        + " together or not at all");
    }

    @Test
    void theTopCommandsPlainStartFailsAsRunDoes() {
        // settings alone are served without the command tree (DirectRun): the same lines as `run`
        for (String command : new String[] {"run", null}) {
            String[] prefix = command == null ? new String[0] : new String[] {command};
            assertBad(
                    run(concat(prefix, "--port", "abc")),
                    "cli-test: Invalid setting server.port = 'abc' (from flag --server.port): expected an int");
            assertBad(
                    run(concat(prefix, "--profile=staging")),
                    "cli-test: Unknown profile 'staging': no application-staging.yaml," + " .yml or .properties in "
                            + dir.toAbsolutePath().normalize() + " or on the class path");
            Path missing = dir.resolve("missing.pem");
            assertThat(run(concat(
                            prefix, "--port=0", "--tls-cert", missing.toString(), "--tls-key", missing.toString())))
                    .isEqualTo(1);
            assertThat(err.toString()).startsWith("cli-test: ").contains("missing.pem");
            assertThat(err.toString().lines()).hasSize(1);
            err.getBuffer().setLength(0);
        }
        assertBad(run("--prot=1"), "cli-test: Unknown option: '--prot=1' (see --help)");
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }

    private void assertBad(int status, String line) {
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(line + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
        err.getBuffer().setLength(0);
    }

    @Test
    void sessionsClearAndDeleteWorkOnTheAppsSharedStore() throws Exception {
        String url = "redis://127.0.0.1:6379";
        try (RedisStore store = RedisStore.connect(url, "cli-test:sessions")) {
            store.set("s1", "{}");
            store.set("s2", "{}");
            assertThat(run(Map.of("REDIS_URL", url), "sessions", "delete", "s1"))
                    .isZero();
            assertThat(out.toString()).contains("Deleted session s1");
            assertThat(store.exists("s1")).isFalse();
            assertThat(store.exists("s2")).isTrue();
            assertThat(run(Map.of("REDIS_URL", url), "sessions", "delete", "s1"))
                    .isEqualTo(1);
            assertThat(run(Map.of("REDIS_URL", url), "sessions", "clear")).isZero();
            assertThat(store.exists("s2")).isFalse();
        }
        assertThat(run("sessions", "clear")).isEqualTo(1);
        assertThat(err.toString()).contains("in memory");
    }
}

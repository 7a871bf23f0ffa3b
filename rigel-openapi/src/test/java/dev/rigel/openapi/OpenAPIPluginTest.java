package dev.rigel.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The plugin serves the document made at startup, in process and over the real server. */
class OpenAPIPluginTest {

    @ParameterizedTest
    @EnumSource(Transport.class)
    void servesJsonAndYamlOfTheSameDocument(Transport transport) throws Exception {
        App app = PetApi.app(PetApi.config());
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse json = client.get("/schema/openapi.json");
            assertThat(json.status()).isEqualTo(200);
            assertThat(json.header("content-type")).startsWith("application/json");
            assertThat(json.json().at("/info/title").asText()).isEqualTo("Pet API");
            assertThat(json.json().at("/paths/~1api~1pets/get/operationId").asText())
                    .isEqualTo("getApiPets");
            TestResponse yaml = client.get("/schema/openapi.yaml");
            assertThat(yaml.status()).isEqualTo(200);
            assertThat(yaml.header("content-type")).startsWith("application/yaml");
            JsonNode fromYaml = new ObjectMapper(new YAMLFactory()).readTree(yaml.body());
            assertThat(fromYaml.toString()).isEqualTo(json.json().toString());
            assertThat(json.text())
                    .isEqualTo(new String(
                            OpenAPIDocument.of(app, PetApi.config()).json(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theDocumentIsAlsoServedAtOtherPathsAfterTheCustomizersChangedIt(Transport transport) throws Exception {
        OpenAPIConfig config = PetApi.configBuilder()
                .termsOfService("https://example.com/terms")
                .tag("vaccines", "Shots", "https://example.com/vaccines", "How vaccination works")
                .externalDocs("https://example.com/docs", "The handbook")
                .alsoServeAt("/openapi.json")
                .alsoServeAt("/api/v1/openapi.yaml")
                .customize(document -> document.put("x-audience", "partners"))
                .customize(document -> document.putObject("webhooks")
                        .putObject("petAdopted")
                        .putObject("post")
                        .put("summary", "A pet found a home")
                        .putObject("responses")
                        .putObject("200")
                        .put("description", "received"))
                .build();
        try (TestClient client = Clients.open(PetApi.app(config), transport)) {
            JsonNode main = client.get("/schema/openapi.json").json();
            assertThat(main.at("/x-audience").asText()).isEqualTo("partners");
            assertThat(main.at("/webhooks/petAdopted/post/summary").asText()).isEqualTo("A pet found a home");
            assertThat(main.at("/info/termsOfService").asText()).isEqualTo("https://example.com/terms");
            assertThat(main.at("/externalDocs/url").asText()).isEqualTo("https://example.com/docs");
            assertThat(main.at("/tags/1/externalDocs/description").asText()).isEqualTo("How vaccination works");
            TestResponse root = client.get("/openapi.json");
            assertThat(root.header("content-type")).startsWith("application/json");
            assertThat(root.json()).isEqualTo(main);
            TestResponse yaml = client.get("/api/v1/openapi.yaml");
            assertThat(yaml.header("content-type")).startsWith("application/yaml");
            assertThat(new ObjectMapper(new YAMLFactory()).readTree(yaml.body()))
                    .isEqualTo(main);
            // the extra paths are not operations of the API
            assertThat(main.at("/paths").has("/openapi.json")).isFalse();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> PetApi.configBuilder().alsoServeAt("openapi.json"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void servesSwaggerUiFromTheWebjarAtSwaggerAndAsTheDefaultPage(Transport transport) {
        App app = PetApi.app(PetApi.config());
        try (TestClient client = Clients.open(app, transport)) {
            for (String page : new String[] {"/schema/swagger", "/schema"}) {
                TestResponse html = client.get(page);
                assertThat(html.status()).as(page).isEqualTo(200);
                assertThat(html.header("content-type")).startsWith("text/html");
                assertThat(html.text())
                        .contains("<title>Pet API</title>")
                        .contains("src=\"/schema/swagger/assets/swagger-ui-bundle.js\"")
                        .contains("href=\"/schema/swagger/assets/swagger-ui.css\"")
                        .contains("url: \"/schema/openapi.json\"")
                        // nothing is fetched from anywhere but this server
                        .doesNotContain("http://")
                        .doesNotContain("https://");
            }
            TestResponse bundle = client.get("/schema/swagger/assets/swagger-ui-bundle.js");
            assertThat(bundle.status()).isEqualTo(200);
            assertThat(bundle.header("content-type")).contains("javascript");
            assertThat(bundle.body().length).isGreaterThan(100_000);
            assertThat(client.get("/schema/swagger/assets/swagger-ui.css").status())
                    .isEqualTo(200);
            assertThat(client.get("/schema/swagger/assets/nothing.js").status()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void servesEveryRendererWithItsAssetsFromThisServer(Transport transport) {
        App app = PetApi.app(PetApi.config());
        assertThat(PetApi.config().renderers()).containsExactly(Renderer.values());
        try (TestClient client = Clients.open(app, transport)) {
            for (Renderer renderer : Renderer.values()) {
                String path = "/schema/" + renderer.segment();
                TestResponse html = client.get(path);
                assertThat(html.status()).as(path).isEqualTo(200);
                assertThat(html.header("content-type")).as(path).startsWith("text/html");
                assertThat(html.text())
                        .as(path)
                        .contains("<title>Pet API</title>")
                        .contains("\"/schema/openapi.json\"")
                        // nothing is fetched from anywhere but this server
                        .doesNotContain("http://")
                        .doesNotContain("https://")
                        .doesNotContain("//cdn");
                List<String> assets = assetUrls(html.text());
                assertThat(assets).as(path).isNotEmpty().allMatch(url -> url.startsWith(path + "/assets/"));
                for (String asset : assets) {
                    TestResponse file = client.get(asset);
                    assertThat(file.status()).as(asset).isEqualTo(200);
                    assertThat(file.header("content-type"))
                            .as(asset)
                            .contains(asset.endsWith(".css") ? "text/css" : "javascript");
                    assertThat(file.header("cache-control")).as(asset).isEqualTo("public, max-age=3600");
                    String etag = file.header("etag");
                    assertThat(etag).as(asset).isNotBlank();
                    assertThat(client.request("GET", asset)
                                    .header("If-None-Match", etag)
                                    .send()
                                    .status())
                            .as(asset)
                            .isEqualTo(304);
                }
                // a bundle, not a stub: every UI's script is well over 100 kB
                assertThat(assets.stream()
                                .filter(url -> url.endsWith(".js"))
                                .mapToInt(url -> client.get(url).body().length)
                                .max()
                                .orElse(0))
                        .as(path)
                        .isGreaterThan(100_000);
                assertThat(client.get(path + "/assets/nothing.js").status())
                        .as(path)
                        .isEqualTo(404);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void servesOnlyTheConfiguredRenderersAndTheFirstAtThePath(Transport transport) {
        App app = PetApi.app(PetApi.configBuilder()
                .renderers(Renderer.REDOC, Renderer.SCALAR)
                .build());
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse root = client.get("/schema");
            assertThat(root.status()).isEqualTo(200);
            assertThat(root.text())
                    .isEqualTo(client.get("/schema/redoc").text())
                    .contains("<redoc spec-url=\"/schema/openapi.json\">")
                    .contains("src=\"/schema/redoc/assets/bundles/redoc.standalone.js\"");
            assertThat(client.get("/schema/scalar").text()).contains("src=\"/schema/scalar/assets/standalone.js\"");
            for (String gone : new String[] {
                "/schema/swagger",
                "/schema/swagger/assets/swagger-ui.css",
                "/schema/rapidoc",
                "/schema/rapidoc/assets/dist/rapidoc-min.js",
                "/schema/elements",
                "/schema/elements/assets/styles.min.css"
            }) {
                assertThat(client.get(gone).status()).as(gone).isEqualTo(404);
            }
            assertThat(client.get("/schema/openapi.json").status()).isEqualTo(200);
        }
    }

    private static List<String> assetUrls(String html) {
        Matcher matcher = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
        List<String> urls = new ArrayList<>();
        while (matcher.find()) {
            urls.add(matcher.group(1));
        }
        return urls;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pathIsConfigurable(Transport transport) {
        App app = App.builder()
                .routeHandlers(Route.get("/x", () -> "x"))
                .plugins(OpenAPIPlugin.of(
                        OpenAPIConfig.builder("t", "1").path("/docs").build()))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/docs/openapi.json").status()).isEqualTo(200);
            assertThat(client.get("/docs/swagger").text()).contains("/docs/swagger/assets/swagger-ui-bundle.js");
            assertThat(client.get("/schema/openapi.json").status()).isEqualTo(404);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void oneSettingTurnsItOff(Transport transport) {
        OpenAPIPlugin plugin =
                OpenAPIPlugin.of(OpenAPIConfig.builder("t", "1").enabled(false).build());
        App app = App.builder()
                .routeHandlers(Route.get("/x", () -> "x"))
                .plugins(plugin)
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/schema/openapi.json").status()).isEqualTo(404);
            assertThat(client.get("/schema/openapi.yaml").status()).isEqualTo(404);
            assertThat(client.get("/schema/swagger").status()).isEqualTo(404);
            assertThat(client.get("/schema").status()).isEqualTo(404);
            assertThat(plugin.document()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void onByDefaultWithRigelOpenApiOnTheClassPath(Transport transport) {
        App app = App.builder().routeHandlers(Route.get("/x", () -> "x")).build();
        assertThat(app.plugins().allOf(OpenAPIPlugin.class)).hasSize(1);
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse json = client.get("/schema/openapi.json");
            assertThat(json.status()).isEqualTo(200);
            assertThat(json.json().at("/info/title").asText()).isEqualTo(OpenAPIPlugin.DEFAULT_TITLE);
            assertThat(json.json().at("/info/version").asText()).isEqualTo(OpenAPIPlugin.DEFAULT_VERSION);
            assertThat(json.json().at("/paths/~1x/get/operationId").asText()).isEqualTo("getX");
            assertThat(client.get("/schema").text()).contains("swagger-ui-bundle.js");
            assertThat(client.get("/schema/redoc").status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void disabledOrNoAutoPluginsLeaveNoSchemaRoutes(Transport transport) {
        App disabled = App.builder()
                .routeHandlers(Route.get("/x", () -> "x"))
                .plugins(OpenAPIPlugin.disabled())
                .build();
        App noAuto = App.builder()
                .routeHandlers(Route.get("/x", () -> "x"))
                .autoPlugins(false)
                .build();
        assertThat(noAuto.plugins().allOf(OpenAPIPlugin.class)).isEmpty();
        assertThat(disabled.plugins().allOf(OpenAPIPlugin.class)).hasSize(1);
        for (App app : List.of(disabled, noAuto)) {
            try (TestClient client = Clients.open(app, transport)) {
                assertThat(client.get("/x").status()).isEqualTo(200);
                assertThat(client.get("/schema/openapi.json").status()).isEqualTo(404);
                assertThat(client.get("/schema").status()).isEqualTo(404);
            }
        }
    }

    @Test
    void aPluginRegisteredByAnotherPluginReplacesTheDefault() {
        OpenAPIPlugin own = OpenAPIPlugin.of(OpenAPIConfig.builder("Mine", "2").build());
        dev.rigel.InitPlugin registering = app -> app.plugins(own);
        App app = App.builder()
                .routeHandlers(Route.get("/x", () -> "x"))
                .plugins(registering)
                .build();
        assertThat(app.plugins().allOf(OpenAPIPlugin.class)).containsExactly(own);
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/schema/openapi.json")
                            .json()
                            .at("/info/title")
                            .asText())
                    .isEqualTo("Mine");
        }
    }

    @Test
    void buildingTwiceAddsTheDefaultOnce() {
        App.Builder builder = App.builder().routeHandlers(Route.get("/x", () -> "x"));
        builder.build();
        App app = builder.build();
        assertThat(app.plugins().allOf(OpenAPIPlugin.class)).hasSize(1);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theAutomaticDocumentNeverKeepsAnAppFromStarting(Transport transport) {
        // the layer opt names a scheme no config declares: fatal for a plugin the app registered
        App app = App.builder()
                .routeHandlers(Route.get("/x", () -> "x").opt("security", "admin"))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/x").text()).isEqualTo("x");
            TestResponse schema = client.get("/schema/openapi.json");
            assertThat(schema.status()).isEqualTo(503);
            assertThat(schema.json().path("detail").asText()).contains("could not be made");
        }
        App registered = App.builder()
                .routeHandlers(Route.get("/x", () -> "x").opt("security", "admin"))
                .plugins(OpenAPIPlugin.defaults())
                .build();
        assertThatThrownBy(() -> TestClient.of(registered).close()).hasMessageContaining("admin");
    }

    @Test
    void anAppRouteAtTheSchemaPathConflictsWithTheDefaultAndSaysHowToTurnItOff() {
        assertThatThrownBy(() -> App.builder()
                        .routeHandlers(Route.get("/schema", () -> "mine"))
                        .build())
                .hasMessageContaining("/schema")
                .hasMessageContaining("automatic plugins")
                .hasMessageContaining("OpenAPIPlugin")
                .hasMessageContaining("autoPlugins(false)");
    }

    @Test
    void theDocumentIsMadeOnceAtStartup() {
        OpenAPIPlugin plugin = OpenAPIPlugin.of(PetApi.config());
        App app = App.builder()
                .routeHandlers(Route.get("/x", () -> "x"))
                .plugins(plugin)
                .build();
        assertThat(plugin.document()).isEmpty();
        try (TestClient client = TestClient.of(app)) {
            client.get("/x");
            OpenAPIDocument made = plugin.document().orElseThrow();
            client.get("/schema/openapi.json");
            assertThat(plugin.document().orElseThrow()).isSameAs(made);
        }
    }

    @Test
    void eachEncodingIsWrittenOnFirstUseThenKept() throws Exception {
        OpenAPIDocument document = OpenAPIDocument.of(
                App.builder().routeHandlers(Route.get("/x", () -> "x")).build(), PetApi.config());

        byte[] json = document.jsonBytes();
        assertThat(document.jsonBytes()).as("written once, then the same bytes").isSameAs(json);
        assertThat(document.yamlBytes()).isSameAs(document.yamlBytes());
        assertThat(new ObjectMapper().readTree(json)).isEqualTo(document.tree());
        assertThat(new ObjectMapper(new YAMLFactory()).readTree(document.yaml()))
                .isEqualTo(document.tree());
        assertThat(document.json()).as("a copy for callers").isEqualTo(json).isNotSameAs(json);
    }

    @Test
    void configRefusesUndeclaredSecuritySchemesAndBadPaths() {
        assertThatThrownBy(() -> OpenAPIConfig.builder("t", "1").security("jwt").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jwt");
        assertThatThrownBy(() -> OpenAPIConfig.builder("t", "1").path("schema"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenAPIConfig.builder("t", "1").path("/docs/"))
                .isInstanceOf(IllegalArgumentException.class);
        // the path goes into the UI page's script: nothing that could end a string or a tag
        assertThatThrownBy(() -> OpenAPIConfig.builder("t", "1").path("/a\"<script>"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(OpenAPIConfig.builder("t", "1").path("/api/docs").build().path())
                .isEqualTo("/api/docs");
        assertThatThrownBy(() -> OpenAPIConfig.builder(" ", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OpenAPIConfig.builder("t", "1").renderers())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> OpenAPIConfig.builder("t", "1").renderers(Renderer.REDOC, Renderer.REDOC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("REDOC");
    }

    @Test
    void exportWritesTheDocumentWithoutAServer(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("out/openapi.json");
        Path yaml = dir.resolve("openapi.yaml");
        OpenAPIExport.write(PetApi.exported(), json);
        OpenAPIExport.write(PetApi.exported(), yaml);
        JsonNode fromJson = new ObjectMapper().readTree(Files.readAllBytes(json));
        JsonNode fromYaml = new ObjectMapper(new YAMLFactory()).readTree(Files.readAllBytes(yaml));
        assertThat(fromJson.at("/info/title").asText()).isEqualTo("Pet API");
        assertThat(fromYaml.toString()).isEqualTo(fromJson.toString());
        assertThat(new String(OpenAPIExport.bytes(PetApi.exported(), true), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(Files.readString(yaml));
        App without = App.builder()
                .routeHandlers(Route.get("/x", () -> "x"))
                .autoPlugins(false)
                .build();
        assertThatThrownBy(() -> OpenAPIExport.write(without, dir.resolve("y.json")))
                .hasMessageContaining("OpenAPIPlugin");
        App off = App.builder()
                .routeHandlers(Route.get("/x", () -> "x"))
                .plugins(OpenAPIPlugin.disabled())
                .build();
        assertThatThrownBy(() -> OpenAPIExport.write(off, dir.resolve("y.json")))
                .hasMessageContaining("turned off");
        App byDefault = App.builder().routeHandlers(Route.get("/x", () -> "x")).build();
        OpenAPIExport.write(byDefault, dir.resolve("default.json"));
        assertThat(new ObjectMapper()
                        .readTree(Files.readAllBytes(dir.resolve("default.json")))
                        .at("/info/title")
                        .asText())
                .isEqualTo(OpenAPIPlugin.DEFAULT_TITLE);
    }
}

package dev.rigel.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigel.App;
import dev.rigel.netty.RigelServer;
import dev.rigel.netty.ServerConfig;
import dev.rigel.openapi.DocumentExamples;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The seed app's OpenAPI document, served in-process and by the real server, must equal the
 * reviewed golden file {@code src/test/resources/openapi/seed-openapi.json}. After an intended
 * change to the API or the generator, rewrite the file with
 * {@code -Drigel.openapi.updateGolden=true}, review the diff, and commit it.
 */
class SeedOpenAPITest {

    enum Transport {
        IN_PROCESS,
        REAL_SERVER
    }

    private static final Path GOLDEN = Path.of("src/test/resources/openapi/seed-openapi.json");

    private static TestClient open(Transport transport) {
        App app = SeedApp.create(SeedSettings.defaults().withApiToken("test-token"));
        if (transport == Transport.IN_PROCESS) {
            return TestClient.of(app);
        }
        RigelServer server = new RigelServer(app, ServerConfig.builder().port(0).build()).start();
        return TestClient.overHttp(app, URI.create(server.url()), server::stop);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void documentMatchesTheGoldenFile(Transport transport) throws IOException {
        try (TestClient client = open(transport)) {
            TestResponse response = client.get("/schema/openapi.json");
            assertThat(response.status()).isEqualTo(200);
            String served = response.text();
            if (Boolean.getBoolean("rigel.openapi.updateGolden")) {
                Files.writeString(GOLDEN, served.endsWith("\n") ? served : served + "\n");
            }
            assertThat(served.strip())
                    .isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8).strip());
        }
    }

    /**
     * Every example in the document, given ({@code @Doc}, {@code @Operation}) or generated, is
     * valid against its own schema by a JSON Schema 2020-12 validator.
     */
    @Test
    void everyExampleIsValidAgainstItsSchema() {
        try (TestClient client = open(Transport.IN_PROCESS)) {
            JsonNode document = client.get("/schema/openapi.json").json();
            DocumentExamples check = DocumentExamples.check(document);
            assertThat(check.failures).isEmpty();
            // generated examples are on: every parameter and JSON body has one, so there are many
            assertThat(check.checked).isGreaterThan(30);
            assertThat(document.at(
                                    "/paths/~1api~1v1~1users/post/requestBody/content/application~1json/examples/example/value/name")
                            .asText())
                    .isEqualTo("Ada Lovelace");
            assertThat(document.at("/components/schemas/UserCreate/properties/email/description")
                            .asText())
                    .isEqualTo("Where the shop writes to the user");
        }
    }

    /** The seed's own request example is one the app accepts. */
    @Test
    void theRequestExampleCreatesAUser() {
        try (TestClient client = open(Transport.IN_PROCESS)) {
            JsonNode example = client.get("/schema/openapi.json")
                    .json()
                    .at("/paths/~1api~1v1~1users/post/requestBody/content/application~1json/examples/example/value");
            TestResponse created = client.request("POST", "/api/v1/users")
                    .header("authorization", "Bearer test-token")
                    .json(example)
                    .send();
            assertThat(created.status()).as(created.text()).isEqualTo(201);
        }
    }
}

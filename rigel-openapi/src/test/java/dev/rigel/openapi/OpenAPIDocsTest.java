package dev.rigel.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Doc;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Operation;
import dev.rigel.annotation.Param;
import dev.rigel.annotation.Post;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code @Doc}, {@code @JsonPropertyDescription} and the body examples in the document, and the
 * generated examples, each checked against its schema by a JSON Schema validator.
 */
class OpenAPIDocsTest {

    enum Size2 {
        SMALL,
        LARGE
    }

    record Item(
            @Doc(
                    title = "Name",
                    description = "What the item is called",
                    examples = {"\"lamp\"", "\"desk\""})
            @NotBlank
            @jakarta.validation.constraints.Size(max = 40)
            String name,

            @JsonPropertyDescription("Price in euros") @NotNull @DecimalMin("0.01")
            BigDecimal price,

            @Doc(deprecated = true) @Email String contact,
            @Doc(format = "password") String secret,
            Size2 size,

            @Doc(description = "Stock codes") @jakarta.validation.constraints.Size(min = 2, max = 3)
            Set<@Pattern(regexp = "[A-Z]{3}") String> codes,

            UUID id,
            LocalDate added,
            @Pattern(regexp = "^[0-9]{4}$") String pin,
            @Positive @Max(7) int rating,
            Map<String, Integer> counts,
            Item parent) {}

    record Greeting(String hello) {}

    /** A bean: its description sits on the getter. */
    public static final class Note {
        private String text = "";

        @Doc(description = "The note's text", examples = "\"call back\"")
        public String getText() {
            return text;
        }

        public void setText(String text) {
            this.text = text;
        }
    }

    record Tenant(
            @Doc(description = "Which tenant the request is for", examples = "\"acme\"")
            @Param(header = "X-Tenant")
            @Pattern(regexp = "[a-z]+")
            String tenant) {}

    public static final class Items extends Controller {
        public Items() {
            super("/items");
        }

        @Get
        public List<Item> list(
                @Doc(
                                title = "Limit",
                                description = "Page size",
                                examples = {"20", "50"})
                        @Param(defaultValue = "20")
                        @Min(1)
                        @Max(100)
                        int limit,
                @Doc(description = "Old filter", deprecated = true) @Param(query = "q") String query) {
            return List.of();
        }

        @Post
        @Operation(
                requestExample = "{\"name\": \"lamp\", \"price\": 12.5, \"rating\": 3}",
                responseExample = "{\"name\": \"lamp\", \"price\": 12.5, \"rating\": 3}")
        public Item create(Item data) {
            return data;
        }

        @Get("/note")
        public Note note() {
            return new Note();
        }
    }

    private static App app(OpenAPIConfig config) {
        return App.builder()
                .routeHandlers(
                        Router.builder("/api")
                                .parameters(Tenant.class)
                                .routeHandlers(Items.class)
                                .build(),
                        Route.post("/echo", (Greeting data) -> data)
                                .requestExample("{\"hello\": \"world\"}")
                                .responseExample("{\"hello\": \"world\"}"),
                        Route.get("/plain/{code:int}", (Integer code) -> "code " + code))
                .plugins(OpenAPIPlugin.of(config))
                .build();
    }

    private static JsonNode document(boolean generate) {
        OpenAPIConfig config =
                OpenAPIConfig.builder("Docs", "1").generateExamples(generate).build();
        return OpenAPIGenerator.generate(app(config), config);
    }

    private static JsonNode parameter(JsonNode operation, String name) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("name").asText().equals(name)) {
                return parameter;
            }
        }
        throw new AssertionError("no parameter " + name + " in " + operation);
    }

    @Test
    void handlerParametersCarryTheirDescriptionTitleExamplesAndDeprecation() {
        JsonNode list = document(false).at("/paths/~1api~1items/get");
        JsonNode limit = parameter(list, "limit");
        assertThat(limit.path("description").asText()).isEqualTo("Page size");
        assertThat(limit.at("/schema/title").asText()).isEqualTo("Limit");
        assertThat(limit.at("/examples/limit-example-1/value").asInt()).isEqualTo(20);
        assertThat(limit.at("/examples/limit-example-2/value").asInt()).isEqualTo(50);
        assertThat(limit.has("deprecated")).isFalse();
        JsonNode query = parameter(list, "q");
        assertThat(query.path("deprecated").asBoolean()).isTrue();
        assertThat(query.path("description").asText()).isEqualTo("Old filter");
        assertThat(query.has("examples")).isFalse();
    }

    @Test
    void layerParametersCarryTheirDoc() {
        JsonNode tenant = parameter(document(false).at("/paths/~1api~1items/post"), "X-Tenant");
        assertThat(tenant.path("description").asText()).isEqualTo("Which tenant the request is for");
        assertThat(tenant.at("/examples/X-Tenant-example-1/value").asText()).isEqualTo("acme");
    }

    @Test
    void modelPropertiesCarryDocAndJacksonDescriptions() {
        JsonNode item = document(false).at("/components/schemas/Item/properties");
        assertThat(item.at("/name/title").asText()).isEqualTo("Name");
        assertThat(item.at("/name/description").asText()).isEqualTo("What the item is called");
        assertThat(item.at("/name/examples").toString()).isEqualTo("[\"lamp\",\"desk\"]");
        assertThat(item.at("/price/description").asText()).isEqualTo("Price in euros");
        assertThat(item.at("/contact/deprecated").asBoolean()).isTrue();
        assertThat(item.at("/contact/format").asText()).isEqualTo("email");
        assertThat(item.at("/secret/format").asText()).isEqualTo("password");
        assertThat(item.at("/codes/description").asText()).isEqualTo("Stock codes");
        assertThat(item.at("/size/description").isMissingNode()).isTrue();
        JsonNode note = document(false).at("/components/schemas/Note/properties/text");
        assertThat(note.path("description").asText()).isEqualTo("The note's text");
        assertThat(note.at("/examples/0").asText()).isEqualTo("call back");
    }

    @Test
    void bodyAndResponseExamplesGoUnderTheirMediaTypes() {
        JsonNode document = document(false);
        assertThat(document.at(
                                "/paths/~1api~1items/post/requestBody/content/application~1json/examples/example/value/name")
                        .asText())
                .isEqualTo("lamp");
        assertThat(document.at(
                                "/paths/~1api~1items/post/responses/201/content/application~1json/examples/example/value/rating")
                        .asInt())
                .isEqualTo(3);
        assertThat(document.at("/paths/~1echo/post/requestBody/content/application~1json/examples/example/value/hello")
                        .asText())
                .isEqualTo("world");
        assertThat(document.at("/paths/~1echo/post/responses/201/content/application~1json/examples/example/value")
                        .toString())
                .isEqualTo("{\"hello\":\"world\"}");
        // without generateExamples nothing else has one
        assertThat(document.at("/paths/~1api~1items~1note/get/responses/200/content/application~1json/examples")
                        .isMissingNode())
                .isTrue();
    }

    @Test
    void givenExamplesAreValidAgainstTheirSchemas() {
        DocumentExamples check = DocumentExamples.check(document(false));
        assertThat(check.failures).isEmpty();
        assertThat(check.checked).isGreaterThanOrEqualTo(10);
    }

    @Test
    void theValidatorCatchesAnExampleThatBreaksItsSchema() {
        JsonNode document = document(false);
        ((com.fasterxml.jackson.databind.node.ObjectNode) document.at(
                        "/paths/~1api~1items/post/requestBody/content/application~1json/examples/example/value"))
                .put("rating", 9);
        assertThat(DocumentExamples.check(document).failures)
                .singleElement()
                .asString()
                .contains("requestBody");
    }

    @Test
    void generatedExamplesFillEveryParameterAndJsonBodyAndAreValid() {
        JsonNode document = document(true);
        DocumentExamples check = DocumentExamples.check(document);
        assertThat(check.failures).isEmpty();
        JsonNode list = document.at("/paths/~1api~1items/get");
        // given examples are kept
        assertThat(parameter(list, "limit")
                        .at("/examples/limit-example-1/value")
                        .asInt())
                .isEqualTo(20);
        assertThat(parameter(list, "q").at("/examples/q-example-1/value").isTextual())
                .isTrue();
        JsonNode generated = list.at("/responses/200/content/application~1json/examples/example/value/0");
        assertThat(generated.path("name").asText()).isEqualTo("lamp");
        assertThat(generated.path("pin").asText()).matches("[0-9]{4}");
        assertThat(generated.path("rating").asInt()).isBetween(1, 7);
        assertThat(generated.path("codes").size()).isBetween(2, 3);
        assertThat(generated.path("size").asText()).isIn("SMALL", "LARGE");
        // a model containing itself stops rather than recursing for ever: there, the nullable parent is null
        assertThat(generated.get("parent").isNull()).isTrue();
        assertThat(parameter(document.at("/paths/~1plain~1{code}/get"), "code")
                        .at("/examples/code-example-1/value")
                        .isIntegralNumber())
                .isTrue();
        // the plain text response has none: generated examples are JSON
        assertThat(document.at("/paths/~1plain~1{code}/get/responses/200/content/text~1plain/examples")
                        .isMissingNode())
                .isTrue();
        // explicit body examples are not replaced
        assertThat(document.at("/paths/~1echo/post/requestBody/content/application~1json/examples/example/value/hello")
                        .asText())
                .isEqualTo("world");
        assertThat(check.checked).isGreaterThan(DocumentExamples.check(document(false)).checked);
    }

    @Test
    void generatedExamplesAreTheSameOnEveryRun() {
        assertThat(document(true).toString()).isEqualTo(document(true).toString());
    }

    @Test
    void generatedExamplesOfThePetApiAreValid() {
        OpenAPIConfig config = PetApi.configBuilder().generateExamples(true).build();
        JsonNode document = OpenAPIGenerator.generate(PetApi.app(config), config);
        DocumentExamples check = DocumentExamples.check(document);
        assertThat(check.failures).isEmpty();
        assertThat(check.checked).isGreaterThan(10);
    }

    record BadProperty(@Doc(examples = "{not json") String name) {}

    public static final class BadPropertyController extends Controller {
        public BadPropertyController() {
            super("/");
        }

        @Get("/bad")
        public BadProperty bad() {
            return new BadProperty("x");
        }
    }

    public static final class BadParameter extends Controller {
        public BadParameter() {
            super("/");
        }

        @Get("/bad")
        public String bad(@Doc(examples = "'single'") String name) {
            return name;
        }
    }

    public static final class BadBody extends Controller {
        public BadBody() {
            super("/");
        }

        @Post("/bad")
        @Operation(requestExample = "{\"a\": ")
        public String bad(Map<String, Object> data) {
            return "x";
        }
    }

    @Test
    void aMalformedExampleFailsStartupNamingWhereItIs() {
        OpenAPIConfig config = OpenAPIConfig.builder("t", "1").build();
        App property = App.builder()
                .routeHandlers(BadPropertyController.class)
                .plugins(OpenAPIPlugin.of(config))
                .build();
        assertThatThrownBy(() -> TestClient.of(property).close())
                .hasMessageContaining("property 'name' of " + BadProperty.class.getName())
                .hasMessageContaining("not valid JSON");
        App parameter = App.builder()
                .routeHandlers(BadParameter.class)
                .plugins(OpenAPIPlugin.of(config))
                .build();
        assertThatThrownBy(() -> OpenAPIGenerator.generate(parameter, config))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("parameter 'name' of")
                .hasMessageContaining("'single'");
        App body = App.builder()
                .routeHandlers(BadBody.class)
                .plugins(OpenAPIPlugin.of(config))
                .build();
        assertThatThrownBy(() -> OpenAPIGenerator.generate(body, config))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("requestExample of @Operation of " + BadBody.class.getName() + ".bad");
        App noBody = App.builder()
                .routeHandlers(Route.get("/x", () -> "x").requestExample("{}"))
                .plugins(OpenAPIPlugin.of(config))
                .build();
        assertThatThrownBy(() -> OpenAPIGenerator.generate(noBody, config))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("no body");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theServedDocumentCarriesTheExamples(Transport transport) {
        App app = app(OpenAPIConfig.builder("Docs", "1").generateExamples(true).build());
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse schema = client.get("/schema/openapi.json");
            assertThat(schema.status()).isEqualTo(200);
            JsonNode served = schema.json();
            assertThat(served.at("/components/schemas/Item/properties/price/description")
                            .asText())
                    .isEqualTo("Price in euros");
            assertThat(DocumentExamples.check(served).failures).isEmpty();
            // the given request example is one the app accepts
            TestResponse created = client.request("POST", "/api/items")
                    .header("X-Tenant", "acme")
                    .json(served.at(
                            "/paths/~1api~1items/post/requestBody/content/application~1json/examples/example/value"))
                    .send();
            assertThat(created.status()).isEqualTo(201);
        }
    }
}

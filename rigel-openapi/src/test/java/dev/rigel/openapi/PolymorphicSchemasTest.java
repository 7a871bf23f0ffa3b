package dev.rigel.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.App;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Post;
import dev.rigel.dto.DTOConfig;
import dev.rigel.dto.RecordDTO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Polymorphic types in the document: {@code oneOf} the subtypes' components with a discriminator
 * and a mapping from each id to its component, and each subtype requiring its own id as a const.
 */
class PolymorphicSchemasTest {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = Circle.class, name = "circle"), @JsonSubTypes.Type(Square.class)})
    public sealed interface Shape permits Circle, Square {}

    public record Circle(double radius) implements Shape {}

    @JsonTypeName("square")
    public record Square(double side) implements Shape {}

    /** No Jackson annotations: the mapper tags it with {@code type} and the simple names. */
    public sealed interface Payment permits Card, Transfer {}

    public record Card(String number) implements Payment {}

    public record Transfer(String iban, Payment fallback) implements Payment {}

    /** Class-name ids: the mapping is keyed by the names the mapper writes. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    public sealed interface Event permits Created, Deleted {}

    public record Created(String id) implements Event {}

    public record Deleted(String id) implements Event {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.MINIMAL_CLASS, property = "@c")
    public sealed interface Minimal permits MinimalA {}

    public record MinimalA(int a) implements Minimal {}

    /** The id is a real property of the subtypes. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "animal")
    @JsonSubTypes({@JsonSubTypes.Type(value = Dog.class, name = "dog")})
    public sealed interface Animal permits Dog {}

    public record Dog(String animal, String name) implements Animal {}

    public record Drawing(String title, Shape main, List<Shape> shapes, Map<String, Payment> payments) {}

    public static class DrawingOut extends RecordDTO<Drawing> {
        public DrawingOut() {
            super(DTOConfig.builder().exclude("payments").build());
        }
    }

    public static class Api {
        @Post("/shapes")
        public List<Shape> shapes(List<Shape> data) {
            return data;
        }

        @Post("/payments")
        public Payment payment(Payment data) {
            return data;
        }

        @Get("/drawing")
        public Drawing drawing() {
            return null;
        }

        @Get(value = "/drawing/dto", returnDto = DrawingOut.class)
        public Drawing drawingDto() {
            return null;
        }

        @Get("/events")
        public List<Event> events() {
            return List.of();
        }

        @Get("/minimal")
        public Minimal minimal() {
            return null;
        }

        @Get("/animal")
        public Animal animal() {
            return null;
        }
    }

    static OpenAPIConfig config() {
        return OpenAPIConfig.builder("Shapes", "1")
                .server("http://localhost:8000", "local")
                .license("Apache 2.0", "Apache-2.0")
                .build();
    }

    static App app() {
        return App.builder()
                .plugins(OpenAPIPlugin.of(config()))
                .routeHandlers(new Api())
                .build();
    }

    static JsonNode doc;

    @BeforeAll
    static void generate() {
        doc = OpenAPIGenerator.generate(app(), config());
    }

    private static JsonNode schema(String name) {
        return doc.path("components").path("schemas").path(name);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void anAnnotatedUnionIsOneOfItsSubtypesWithADiscriminatorMappingEachId() {
        JsonNode shape = schema("Shape");
        assertThat(shape.path("oneOf").findValuesAsText("$ref"))
                .containsExactly("#/components/schemas/Circle", "#/components/schemas/Square");
        assertThat(shape.at("/discriminator/propertyName").asText()).isEqualTo("kind");
        assertThat(shape.at("/discriminator/mapping/circle").asText()).isEqualTo("#/components/schemas/Circle");
        assertThat(shape.at("/discriminator/mapping/square").asText()).isEqualTo("#/components/schemas/Square");
        assertThat(shape.has("type")).isFalse();

        JsonNode body = doc.at("/paths/~1shapes/post/requestBody/content/application~1json/schema");
        assertThat(body.path("type").asText()).isEqualTo("array");
        assertThat(body.at("/items/$ref").asText()).isEqualTo("#/components/schemas/Shape");
    }

    @Test
    void eachSubtypeRequiresItsOwnIdAsAConstFirstAmongItsProperties() {
        JsonNode circle = schema("Circle");
        assertThat(circle.path("properties").fieldNames().next()).isEqualTo("kind");
        assertThat(circle.at("/properties/kind/type").asText()).isEqualTo("string");
        assertThat(circle.at("/properties/kind/const").asText()).isEqualTo("circle");
        assertThat(circle.at("/properties/radius/type").asText()).isEqualTo("number");
        assertThat(texts(circle.path("required"))).containsExactly("kind", "radius");
        assertThat(schema("Square").at("/properties/kind/const").asText()).isEqualTo("square");
    }

    @Test
    void aSealedInterfaceWithoutAnnotationsIsTaggedWithTypeAndSimpleNames() {
        JsonNode payment = schema("Payment");
        assertThat(payment.at("/discriminator/propertyName").asText()).isEqualTo("type");
        assertThat(payment.at("/discriminator/mapping/Card").asText()).isEqualTo("#/components/schemas/Card");
        assertThat(payment.at("/discriminator/mapping/Transfer").asText()).isEqualTo("#/components/schemas/Transfer");
        assertThat(schema("Card").at("/properties/type/const").asText()).isEqualTo("Card");
        // a nested polymorphic field refers back to the union
        JsonNode fallback = schema("Transfer").at("/properties/fallback");
        assertThat(fallback.toString()).contains("#/components/schemas/Payment").contains("\"null\"");
    }

    @Test
    void nestedAndContainedUnionsReferToTheUnionInModelsAndDtoComponents() {
        JsonNode drawing = schema("Drawing");
        assertThat(drawing.at("/properties/main").toString()).contains("#/components/schemas/Shape");
        assertThat(drawing.at("/properties/shapes").toString())
                .contains("\"items\":{\"$ref\":\"#/components/schemas/Shape\"}");
        assertThat(drawing.at("/properties/payments").toString())
                .contains("\"additionalProperties\":{\"$ref\":\"#/components/schemas/Payment\"}");
        JsonNode dto = schema("DrawingResponseBody");
        assertThat(dto.at("/properties/main").toString()).contains("#/components/schemas/Shape");
        assertThat(dto.at("/properties/shapes/items/$ref").asText()).isEqualTo("#/components/schemas/Shape");
        assertThat(dto.path("properties").has("payments")).isFalse();
    }

    @Test
    void classNameIdsAreMappedByTheClassNamesTheMapperWrites() throws Exception {
        JsonNode event = schema("Event");
        String created = Created.class.getName();
        assertThat(event.at("/discriminator/propertyName").asText()).isEqualTo("@class");
        assertThat(event.path("discriminator").path("mapping").path(created).asText())
                .isEqualTo("#/components/schemas/Created");
        assertThat(schema("Created").at("/properties/@class/const").asText()).isEqualTo(created);
        // the same id the app's mapper writes
        ObjectMapper mapper = app().objectMapper();
        assertThat(mapper.writerFor(Event.class).writeValueAsString(new Created("1")))
                .contains("\"@class\":\"" + created + "\"");

        String minimal = schema("MinimalA").at("/properties/@c/const").asText();
        assertThat(mapper.writerFor(Minimal.class).writeValueAsString(new MinimalA(1)))
                .contains("\"@c\":\"" + minimal + "\"");
        assertThat(schema("Minimal").at("/discriminator/mapping").path(minimal).asText())
                .isEqualTo("#/components/schemas/MinimalA");
    }

    @Test
    void anExistingPropertyDiscriminatorBecomesAConstOnThatProperty() {
        JsonNode dog = schema("Dog");
        assertThat(dog.at("/properties/animal/const").asText()).isEqualTo("dog");
        assertThat(texts(dog.path("required"))).containsExactly("animal");
        assertThat(dog.path("properties").size()).isEqualTo(2);
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.WRAPPER_OBJECT)
    public sealed interface Wrapped permits WrappedA {}

    public record WrappedA(int a) implements Wrapped {}

    public static class WrappedApi {
        @Get("/wrapped")
        public Wrapped wrapped() {
            return null;
        }
    }

    @Test
    void typeIdsOutsideTheObjectAreRefusedNamingTheTypeAndTheFix() {
        App app = App.builder().routeHandlers(new WrappedApi()).build();
        assertThatThrownBy(() -> OpenAPIGenerator.generate(
                        app, OpenAPIConfig.builder("W", "1").build()))
                .hasMessageContaining("Wrapped carries its type as JsonTypeInfo.As.WRAPPER_OBJECT")
                .hasMessageContaining("use include = JsonTypeInfo.As.PROPERTY");
    }

    @Test
    void typeScriptClientsGetADiscriminatedUnion() {
        String types = OpenAPIExport.typeScript(app());
        assertThat(types).contains("export type Shape = Circle | Square;");
        assertThat(types).containsPattern("export interface Circle \\{\\s+kind: \"circle\";");
    }

    /** For {@code .ci/openapi-lint}: the document of this app, written where the build keeps files. */
    @Test
    void theDocumentIsWrittenForTheOutsideLinters() throws Exception {
        Path file = Path.of("target", "polymorphic-openapi.json");
        Files.createDirectories(file.getParent());
        OpenAPIExport.write(app(), file);
        assertThat(new ObjectMapper()
                        .readTree(file.toFile())
                        .at("/components/schemas/Shape/discriminator/propertyName")
                        .asText())
                .isEqualTo("kind");
    }
}

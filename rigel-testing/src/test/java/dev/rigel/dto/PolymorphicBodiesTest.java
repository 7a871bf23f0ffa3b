package dev.rigel.dto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.rigel.App;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Post;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tagged unions in request and response bodies, plain and through DTOs: a sealed interface with
 * Jackson's {@code @JsonTypeInfo}, and one without (Rigel's mapper tags it with {@code type}).
 * Bad discriminators are 400s naming the discriminator's key. Over both transports.
 */
class PolymorphicBodiesTest {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = Circle.class, name = "circle"), @JsonSubTypes.Type(Square.class)})
    sealed interface Shape permits Circle, Square {}

    record Circle(double radius) implements Shape {}

    @JsonTypeName("square")
    record Square(double side) implements Shape {}

    /** No Jackson annotations: Rigel's mapper registers the permitted subclasses under {@code type}. */
    sealed interface Payment permits Card, Transfer {}

    record Card(String number) implements Payment {}

    record Transfer(String iban, Payment fallback) implements Payment {}

    record Drawing(String title, Shape main, List<Shape> shapes, String secret) {}

    static class DrawingIn extends RecordDTO<Drawing> {
        DrawingIn() {
            super(DTOConfig.builder().exclude("secret").build());
        }
    }

    static class DrawingOut extends RecordDTO<Drawing> {
        DrawingOut() {
            super(DTOConfig.builder().exclude("secret").build());
        }
    }

    static class ShapeDTO extends BeanDTO<Shape> {
        ShapeDTO() {
            super(DTOConfig.builder().build());
        }
    }

    public static class Handlers {
        @Post("/shapes")
        public List<Shape> shapes(List<Shape> data) {
            return data;
        }

        @Post("/payments")
        public Payment payment(Payment data) {
            return data;
        }

        @Get("/card")
        public Card card() {
            return new Card("4111");
        }

        @Post(value = "/drawings", dto = DrawingIn.class, returnDto = DrawingOut.class)
        public Drawing drawing(Drawing data) {
            assertThat(data.secret()).isNull();
            return new Drawing(data.title(), data.main(), data.shapes(), "hidden");
        }

        @Post("/plain-drawings")
        public Drawing plainDrawing(Drawing data) {
            return data;
        }
    }

    static App app() {
        return App.builder().routeHandlers(new Handlers()).build();
    }

    private static TestResponse post(TestClient client, String path, String singleQuotedJson) {
        return client.request("POST", path)
                .body(singleQuotedJson.replace('\'', '"').getBytes(StandardCharsets.UTF_8), "application/json")
                .send();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void annotatedUnionsRoundTripInListsAndNestedFields(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse shapes =
                    post(client, "/shapes", "[{'kind':'circle','radius':1.5},{'kind':'square','side':2.0}]");
            assertThat(shapes.status()).as(shapes.text()).isEqualTo(201);
            assertThat(shapes.text())
                    .isEqualTo("[{\"kind\":\"circle\",\"radius\":1.5},{\"kind\":\"square\",\"side\":2.0}]");

            TestResponse plain = post(
                    client,
                    "/plain-drawings",
                    "{'title':'t','main':{'kind':'square','side':1.0},'shapes':[{'kind':'circle','radius':3.0}]}");
            assertThat(plain.status()).as(plain.text()).isEqualTo(201);
            assertThat(plain.jsonMap())
                    .containsEntry("main", Map.of("kind", "square", "side", 1.0))
                    .containsEntry("shapes", List.of(Map.of("kind", "circle", "radius", 3.0)));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sealedTypesWithoutAnnotationsAreTaggedWithTypeAndTheirSimpleName(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse nested = post(
                    client,
                    "/payments",
                    "{'type':'Transfer','iban':'DE02','fallback':{'type':'Card','number':'4242'}}");
            assertThat(nested.status()).as(nested.text()).isEqualTo(201);
            assertThat(nested.text())
                    .isEqualTo("{\"type\":\"Transfer\",\"iban\":\"DE02\","
                            + "\"fallback\":{\"type\":\"Card\",\"number\":\"4242\"}}");
            // a subtype returned as itself carries its tag too, as the document says
            assertThat(client.get("/card").text()).isEqualTo("{\"type\":\"Card\",\"number\":\"4111\"}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void dtosReadAndWritePolymorphicFieldsWhole(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse drawing = post(
                    client,
                    "/drawings",
                    "{'title':'t','secret':'x','main':{'kind':'circle','radius':1.0},"
                            + "'shapes':[{'kind':'square','side':2.0},{'kind':'circle','radius':0.5}]}");
            assertThat(drawing.status()).as(drawing.text()).isEqualTo(201);
            assertThat(drawing.text())
                    .isEqualTo("{\"title\":\"t\",\"main\":{\"kind\":\"circle\",\"radius\":1.0},"
                            + "\"shapes\":[{\"kind\":\"square\",\"side\":2.0},{\"kind\":\"circle\",\"radius\":0.5}]}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void unknownOrMissingDiscriminatorsAre400sNamingTheDiscriminator(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse unknown = post(client, "/shapes", "[{'kind':'circle','radius':1},{'kind':'hexagon'}]");
            assertThat(unknown.status()).as(unknown.text()).isEqualTo(400);
            assertThat(unknown.text())
                    .isEqualTo("{\"status_code\":400,\"detail\":\"Validation failed for POST /shapes\",\"extra\":"
                            + "[{\"key\":\"1.kind\",\"message\":\"unknown type 'hexagon'; expected one of:"
                            + " circle, square\",\"source\":\"body\"}]}");

            TestResponse missing = post(client, "/payments", "{'iban':'DE02'}");
            assertThat(missing.status()).as(missing.text()).isEqualTo(400);
            assertThat(missing.json().at("/extra/0/key").asText()).isEqualTo("type");
            assertThat(missing.json().at("/extra/0/message").asText()).startsWith("missing type property");

            TestResponse nested =
                    post(client, "/payments", "{'type':'Transfer','iban':'x','fallback':{'type':'Cash'}}");
            assertThat(nested.status()).as(nested.text()).isEqualTo(400);
            assertThat(nested.json().at("/extra/0/key").asText()).isEqualTo("fallback.type");
            assertThat(nested.json().at("/extra/0/message").asText())
                    .isEqualTo("unknown type 'Cash'; expected one of: Card, Transfer");

            TestResponse throughDto =
                    post(client, "/drawings", "{'title':'t','main':{'radius':1.0},'shapes':[{'kind':'x','side':1}]}");
            assertThat(throughDto.status()).as(throughDto.text()).isEqualTo(400);
            assertThat(throughDto.json().path("extra").toString())
                    .contains("\"key\":\"main.kind\",\"message\":\"missing type property")
                    .contains("\"key\":\"shapes.0.kind\",\"message\":\"unknown type 'x'; expected one of: circle,"
                            + " square\"");
        }
    }

    public static class ShapeRoutes {
        @Post(value = "/shape", dto = ShapeDTO.class)
        public Shape shape(Shape data) {
            return data;
        }
    }

    @Test
    void aDtoOverAPolymorphicModelIsRefusedAtStartupSayingWhatToDoInstead() {
        assertThatThrownBy(() -> App.builder().routeHandlers(new ShapeRoutes()).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining(
                        "Shape is a polymorphic type (sealed or @JsonTypeInfo): a DTO shapes one concrete record or class")
                .hasMessageContaining("Give each subtype its own DTO");
    }
}

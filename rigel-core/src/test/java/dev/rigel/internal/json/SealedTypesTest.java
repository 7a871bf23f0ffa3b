package dev.rigel.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.exceptions.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sealed types as the app's mapper writes and reads them. */
class SealedTypesTest {

    /** No annotations: tagged with {@code type}, leaves found through a sealed intermediate. */
    sealed interface Shape permits Circle, Polygon {}

    record Circle(double radius) implements Shape {}

    sealed interface Polygon extends Shape permits Square, Triangle {}

    @JsonTypeName("sq")
    record Square(double side) implements Polygon {}

    record Triangle(double base, double height) implements Polygon {}

    /** {@code @JsonTypeInfo} alone: Jackson's property, Rigel's list of subtypes. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    sealed interface Animal permits Dog, Cat {}

    record Dog(String name) implements Animal {}

    sealed interface Cat extends Animal permits BigCat {}

    sealed interface BigCat extends Cat permits Lion {}

    record Lion(String name) implements BigCat {}

    /** A sealed interface an enum implements is left to Jackson (enums are written as their names). */
    sealed interface Level permits Basic {}

    enum Basic implements Level {
        LOW
    }

    record Holder(Basic level) {}

    private final JsonCodec codec = new JsonCodec(null);
    private final ObjectMapper mapper = codec.mapper();

    private Object decode(Class<?> type, String body) {
        return codec.decode(codec.reader(type), body.replace('\'', '"').getBytes(StandardCharsets.UTF_8), "POST", "/x");
    }

    @Test
    void anUnannotatedSealedTypeIsTaggedWithTypeAndTheSimpleNameOrJsonTypeName() throws Exception {
        assertThat(mapper.writerFor(Shape.class).writeValueAsString(new Circle(1)))
                .isEqualTo("{\"type\":\"Circle\",\"radius\":1.0}");
        assertThat(mapper.writerFor(Shape.class).writeValueAsString(new Square(2)))
                .isEqualTo("{\"type\":\"sq\",\"side\":2.0}");
        assertThat(decode(Shape.class, "{'type':'Triangle','base':1,'height':2}"))
                .isEqualTo(new Triangle(1, 2));
        assertThat(decode(Polygon.class, "{'type':'sq','side':3}")).isEqualTo(new Square(3));
        // a subtype written as itself carries its tag too
        assertThat(mapper.writeValueAsString(new Circle(1))).isEqualTo("{\"type\":\"Circle\",\"radius\":1.0}");
    }

    @Test
    void jsonTypeInfoWithoutJsonSubTypesIsEnoughForASealedType() throws Exception {
        assertThat(mapper.writerFor(Animal.class).writeValueAsString(new Lion("Leo")))
                .isEqualTo("{\"kind\":\"SealedTypesTest$Lion\",\"name\":\"Leo\"}");
        assertThat(decode(Animal.class, "{'kind':'SealedTypesTest$Dog','name':'Rex'}"))
                .isEqualTo(new Dog("Rex"));
    }

    @Test
    void enumsImplementingASealedInterfaceStayPlainEnums() throws Exception {
        assertThat(mapper.writeValueAsString(new Holder(Basic.LOW))).isEqualTo("{\"level\":\"LOW\"}");
    }

    @Test
    void anUnknownOrMissingTypeIsA400NamingTheDiscriminatorAndTheKnownIds() {
        ValidationException unknown =
                catchThrowableOfType(ValidationException.class, () -> decode(Shape.class, "{'type':'Hexagon'}"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.errors()).extracting(error -> error.key()).isEqualTo(List.of("type"));
        assertThat(unknown.errors().getFirst().message())
                .isEqualTo("unknown type 'Hexagon'; expected one of: Circle, Triangle, sq");

        ValidationException missing =
                catchThrowableOfType(ValidationException.class, () -> decode(Animal.class, "{'name':'Rex'}"));
        assertThat(missing.errors()).extracting(error -> error.key()).isEqualTo(List.of("kind"));
        assertThat(missing.errors().getFirst().message()).startsWith("missing type property");

        // the tag's name is found on an annotated ancestor of the declared type
        ValidationException deeper = catchThrowableOfType(
                ValidationException.class, () -> decode(BigCat.class, "{'kind':'SealedTypesTest$Dog','name':'Rex'}"));
        assertThat(deeper.errors()).extracting(error -> error.key()).isEqualTo(List.of("kind"));
        assertThat(deeper.errors().getFirst().message()).startsWith("unknown type 'SealedTypesTest$Dog'");
    }
}

package dev.rigel.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathTemplateTest {

    @ParameterizedTest
    @CsvSource(
            nullValues = "NULL",
            value = {"NULL, /", "'', /", "/, /", "users, /users", "/users/, /users", "//a///b//, /a/b", "/a/b///, /a/b"
            })
    void normalizeAddsALeadingSlashAndDropsTrailingAndRepeatedOnes(String path, String expected) {
        assertThat(PathTemplate.normalize(path)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "NULL",
            value = {
                "/api/v1, /users/, /api/v1/users",
                "/, '', /",
                "/, /, /",
                "/api, NULL, /api",
                "api/, users, /api/users",
                "/api/, /{id:int}, /api/{id:int}"
            })
    void joinConcatenatesLayerPaths(String prefix, String path, String expected) {
        assertThat(PathTemplate.join(prefix, path)).isEqualTo(expected);
    }

    @Test
    void parsesLiteralAndTypedSegments() {
        PathTemplate template = PathTemplate.parse("/users/{user_id:int}/orders/");

        assertThat(template.template()).isEqualTo("/users/{user_id:int}/orders");
        assertThat(template.segments())
                .containsExactly(
                        new PathTemplate.Segment("users", null, null),
                        new PathTemplate.Segment(null, "user_id", ParamType.INT),
                        new PathTemplate.Segment("orders", null, null));
        assertThat(template.isStatic()).isFalse();
        assertThat(template.params())
                .extracting(PathTemplate.Segment::paramName)
                .containsExactly("user_id");
        assertThat(template.segments().get(1)).hasToString("{user_id:int}");
    }

    @Test
    void aParameterWithoutTypeIsAString() {
        PathTemplate template = PathTemplate.parse("/tags/{name}");

        assertThat(template.params()).singleElement().satisfies(segment -> {
            assertThat(segment.paramName()).isEqualTo("name");
            assertThat(segment.paramType()).isEqualTo(ParamType.STR);
        });
    }

    @Test
    void whitespaceAroundNameAndTypeIsIgnored() {
        PathTemplate template = PathTemplate.parse("/items/{ id : uuid }");

        assertThat(template.params()).singleElement().satisfies(segment -> {
            assertThat(segment.paramName()).isEqualTo("id");
            assertThat(segment.paramType()).isEqualTo(ParamType.UUID_TYPE);
        });
    }

    @Test
    void everyTypeLabelIsAccepted() {
        for (ParamType type : ParamType.values()) {
            PathTemplate template = PathTemplate.parse("/x/{value:" + type.label() + "}");
            assertThat(template.params().get(0).paramType()).isEqualTo(type);
        }
    }

    @Test
    void rootAndStaticTemplates() {
        assertThat(PathTemplate.parse("/").segments()).isEmpty();
        assertThat(PathTemplate.parse("").template()).isEqualTo("/");
        assertThat(PathTemplate.parse("/a/b").isStatic()).isTrue();
        assertThat(PathTemplate.parse("/a/b").params()).isEmpty();
    }

    @Test
    void pathParameterMayBeLast() {
        PathTemplate template = PathTemplate.parse("/static/{file:path}");

        assertThat(template.params().get(0).paramType()).isEqualTo(ParamType.PATH);
    }

    @Test
    void rejectsAnUnknownType() {
        assertThatThrownBy(() -> PathTemplate.parse("/users/{id:integer}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/users/{id:integer}")
                .hasMessageContaining("unknown parameter type 'integer'")
                .hasMessageContaining("str, int, long");
    }

    @ParameterizedTest
    @CsvSource({"/users/{user-id}, user-id", "/users/{}, ''", "/users/{:int}, ''", "/users/{a b}, a b"})
    void rejectsAnInvalidParameterName(String path, String name) {
        assertThatThrownBy(() -> PathTemplate.parse(path))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter name '" + name + "'");
    }

    @Test
    void rejectsAPathParameterThatIsNotLast() {
        assertThatThrownBy(() -> PathTemplate.parse("/files/{rest:path}/meta"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'rest' must be the last segment");
    }

    @ParameterizedTest
    @CsvSource({"/files/{name}.txt", "/files/v{version:int}", "/files/{open", "/files/close}"})
    void rejectsSegmentsMixingTextAndParameters(String path) {
        assertThatThrownBy(() -> PathTemplate.parse(path))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a parameter must be a whole segment");
    }

    @Test
    void rejectsAParameterNameUsedTwice() {
        assertThatThrownBy(() -> PathTemplate.parse("/a/{id:int}/b/{id:int}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("uses parameter 'id' twice");
    }
}

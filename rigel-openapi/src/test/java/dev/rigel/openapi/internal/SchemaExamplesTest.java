package dev.rigel.openapi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Examples made from schemas are valid against them, by a JSON Schema validator, or not made at all. */
class SchemaExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private static final String COMPONENTS = """
            {"Node": {"type": "object", "properties": {"name": {"type": "string"},
               "next": {"oneOf": [{"$ref": "#/components/schemas/Node"}, {"type": "null"}]}}, "required": ["name"]},
             "Loop": {"type": "object", "properties": {"again": {"$ref": "#/components/schemas/Loop"}}, "required": ["again"]},
             "Colour": {"type": "string", "enum": ["red", "green"]}}
            """;

    private static JsonNode example(String schema) throws Exception {
        return new SchemaExamples((ObjectNode) JSON.readTree(COMPONENTS)).example(JSON.readTree(schema), "test");
    }

    private static void assertValid(String schema, JsonNode value) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(schema.replace("#/components/schemas/", "#/$defs/"));
        root.set("$defs", JSON.readTree(COMPONENTS.replace("#/components/schemas/", "#/$defs/")));
        var errors = REGISTRY.getSchema(root)
                .validate(value, context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
        assertThat(errors).as(value + " against " + schema).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"type\": \"integer\", \"minimum\": 10, \"maximum\": 10}",
                "{\"type\": \"integer\", \"exclusiveMinimum\": 0, \"exclusiveMaximum\": 2}",
                "{\"type\": \"integer\", \"minimum\": 1000, \"multipleOf\": 7}",
                "{\"type\": \"integer\", \"format\": \"int64\", \"maximum\": -5}",
                "{\"type\": \"number\", \"exclusiveMinimum\": 0, \"maximum\": 0.001}",
                "{\"type\": \"number\", \"minimum\": 2.5, \"multipleOf\": 0.5}",
                "{\"type\": [\"string\", \"null\"], \"minLength\": 30, \"maxLength\": 31}",
                "{\"type\": \"string\", \"maxLength\": 2}",
                "{\"type\": \"string\", \"pattern\": \"^[A-Z]{3}-\\\\d{2,4}$\"}",
                "{\"type\": \"string\", \"pattern\": \"\\\\S\", \"minLength\": 1}",
                "{\"type\": \"string\", \"pattern\": \"^(cat|dog)$\"}",
                "{\"type\": \"string\", \"format\": \"uuid\"}",
                "{\"type\": \"string\", \"format\": \"date\"}",
                "{\"type\": \"string\", \"format\": \"date-time\"}",
                "{\"type\": \"string\", \"format\": \"time\"}",
                "{\"type\": \"string\", \"format\": \"duration\"}",
                "{\"type\": \"string\", \"format\": \"email\"}",
                "{\"type\": \"string\", \"format\": \"uri\"}",
                "{\"type\": \"string\", \"format\": \"ipv4\"}",
                "{\"type\": \"string\", \"contentEncoding\": \"base64\"}",
                "{\"type\": \"array\", \"items\": {\"$ref\": \"#/components/schemas/Colour\"}, \"minItems\": 2, \"uniqueItems\": true}",
                "{\"type\": \"array\", \"items\": {\"type\": \"integer\", \"minimum\": 1, \"maximum\": 50}, \"minItems\": 4, \"uniqueItems\": true}",
                "{\"type\": \"object\", \"additionalProperties\": {\"type\": \"boolean\"}, \"minProperties\": 2}",
                "{\"$ref\": \"#/components/schemas/Node\"}",
                "{\"allOf\": [{\"$ref\": \"#/components/schemas/Node\"}, {\"type\": \"object\", \"properties\": {\"age\": {\"type\": \"integer\", \"minimum\": 0}}, \"required\": [\"age\"]}]}",
                "{\"oneOf\": [{\"type\": \"null\"}, {\"type\": \"boolean\"}]}",
                "{\"const\": 42}",
                "{}"
            })
    void anExampleIsMadeAndIsValid(String schema) throws Exception {
        JsonNode value = example(schema);
        assertThat(value).as(schema).isNotNull();
        assertValid(schema, value);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // nothing fits
                "{\"type\": \"integer\", \"minimum\": 5, \"maximum\": 4}",
                "{\"type\": \"integer\", \"minimum\": 1, \"maximum\": 6, \"multipleOf\": 7}",
                "{\"type\": \"string\", \"minLength\": 3, \"maxLength\": 2}",
                // no candidate matches a pattern this unusual
                "{\"type\": \"string\", \"pattern\": \"^(?:zz|yy)[0-9]{3}q$\"}",
                // more unique items than the enum has values
                "{\"type\": \"array\", \"items\": {\"$ref\": \"#/components/schemas/Colour\"}, \"minItems\": 3, \"uniqueItems\": true}",
                // a required property that only contains itself
                "{\"$ref\": \"#/components/schemas/Loop\"}"
            })
    void noExampleIsMadeWhenNoneCanBeValid(String schema) throws Exception {
        assertThat(example(schema)).as(schema).isNull();
    }

    @Test
    void theSamePlaceGivesTheSameValueAndOtherPlacesMayDiffer() throws Exception {
        JsonNode schema = JSON.readTree("{\"type\": \"integer\", \"minimum\": 0, \"maximum\": 1000000}");
        SchemaExamples examples = new SchemaExamples(JSON.createObjectNode());
        assertThat(examples.example(schema, "a")).isEqualTo(examples.example(schema, "a"));
        assertThat(java.util.stream.IntStream.range(0, 20)
                        .mapToObj(i -> examples.example(schema, "place " + i))
                        .distinct()
                        .count())
                .isGreaterThan(1);
    }

    @Test
    void simplePatternsGiveTheirShortestMatch() {
        assertThat(SchemaExamples.simplestMatch("^[A-Z]{3}-\\d+$")).isEqualTo("AAA-0");
        assertThat(SchemaExamples.simplestMatch("ab?c*\\.x")).isEqualTo("a.x");
        assertThat(SchemaExamples.simplestMatch("^(?:ab|cd)$")).isEqualTo("ab");
        assertThat(SchemaExamples.simplestMatch("^(a|b)+c(d)$")).isNull();
        assertThat(SchemaExamples.simplestMatch("[^a]")).isNull();
    }
}

package dev.rigel.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Operation;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.problem.ProblemDetailsConfig;
import dev.rigel.problem.ProblemDetailsPlugin;
import org.junit.jupiter.api.Test;

/** Routes whose layers answer every HttpException as problem details document them as such. */
class ProblemDetailsSchemaTest {

    public static class Items {
        @dev.rigel.annotation.Get("/items/{id:int}")
        @Operation(raises = NotFoundException.class)
        public String get(int id, int limit) {
            return "item";
        }
    }

    private static JsonNode responses(JsonNode doc, String path) {
        return doc.path("paths").path(path).path("get").path("responses");
    }

    @Test
    void problemDetailsLayersDocumentProblemJsonOthersTheStandardBody() {
        App app = App.builder()
                .autoPlugins(false)
                .routeHandlers(
                        ProblemDetailsConfig.create()
                                .enableForAllHttpExceptions(true)
                                .applyTo(Router.builder("/v2").routeHandlers(Items.class))
                                .build(),
                        Router.of("/v1", Items.class),
                        ProblemDetailsConfig.create().applyTo(Route.get("/raised", () -> "x")))
                .build();
        JsonNode doc = OpenAPIGenerator.generate(
                app, OpenAPIConfig.builder("Test", "1").build());

        JsonNode v2 = responses(doc, "/v2/items/{id}");
        assertThat(v2.at("/404/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ProblemDetails");
        assertThat(v2.at("/400/content/application~1problem+json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ValidationProblemDetails");
        assertThat(v2.at("/404/content").has("application/json")).isFalse();

        JsonNode v1 = responses(doc, "/v1/items/{id}");
        assertThat(v1.at("/404/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ErrorResponse");

        JsonNode problem = doc.at("/components/schemas/ProblemDetails");
        assertThat(problem.at("/properties/type/format").asText()).isEqualTo("uri-reference");
        assertThat(problem.at("/properties/status/type").asText()).isEqualTo("integer");
        assertThat(doc.at("/components/schemas/ValidationProblemDetails/properties/errors/items/properties/key/type")
                        .asText())
                .isEqualTo("string");
        // only ProblemDetailsExceptions: the route's own errors are documented as before
        assertThat(responses(doc, "/raised").has("400")).isFalse();
    }

    @Test
    void thePluginMarksTheWholeApp() {
        App app = App.builder()
                .autoPlugins(false)
                .plugins(new ProblemDetailsPlugin(ProblemDetailsConfig.create().enableForAllHttpExceptions(true)))
                .routeHandlers(Items.class)
                .build();
        JsonNode doc = OpenAPIGenerator.generate(
                app, OpenAPIConfig.builder("Test", "1").build());
        assertThat(responses(doc, "/items/{id}").at("/400/content").has("application/problem+json"))
                .isTrue();
    }
}

package dev.rigel.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.annotation.Get;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The document generated for {@link PetApi}, checked part by part against what the app does. */
class OpenAPIGeneratorTest {

    static JsonNode doc;

    @BeforeAll
    static void generate() {
        doc = OpenAPIGenerator.generate(PetApi.app(PetApi.config()), PetApi.config());
    }

    private static JsonNode op(String path, String method) {
        JsonNode operation = doc.path("paths").path(path).path(method);
        assertThat(operation.isMissingNode()).as(method + " " + path).isFalse();
        return operation;
    }

    private static JsonNode param(JsonNode operation, String in, String name) {
        for (JsonNode p : operation.path("parameters")) {
            if (p.path("in").asText().equals(in) && p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no " + in + " parameter " + name + " in " + operation);
    }

    private static JsonNode schema(String name) {
        return doc.path("components").path("schemas").path(name);
    }

    @Test
    void infoServersTagsAndSecuritySchemesComeFromTheConfig() {
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.at("/info/title").asText()).isEqualTo("Pet API");
        assertThat(doc.at("/info/version").asText()).isEqualTo("1.2.3");
        assertThat(doc.at("/info/description").asText()).isEqualTo("Pets and their vaccines");
        assertThat(doc.at("/info/license/identifier").asText()).isEqualTo("Apache-2.0");
        assertThat(doc.at("/servers/0/url").asText()).isEqualTo("http://localhost:8000");
        assertThat(doc.at("/tags/0/name").asText()).isEqualTo("pets");
        assertThat(doc.at("/tags/0/description").asText()).isEqualTo("Everything about pets");
        assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
    }

    @Test
    void pathsUseTemplatesWithoutTypesAndLeaveOutWebSocketsHiddenAndOwnRoutes() {
        List<String> paths = new ArrayList<>();
        doc.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths)
                .containsExactly(
                        "/api/pets",
                        "/api/pets/legacy",
                        "/api/pets/{pet_id}",
                        "/api/pets/{pet_id}/vaccines",
                        "/health");
    }

    @Test
    void pathParametersAreRequiredAndTyped() {
        JsonNode petId = param(op("/api/pets/{pet_id}", "get"), "path", "pet_id");
        assertThat(petId.path("required").asBoolean()).isTrue();
        assertThat(petId.at("/schema/type").asText()).isEqualTo("integer");
        assertThat(petId.at("/schema/format").asText()).isEqualTo("int64");
    }

    @Test
    void queryHeaderAndCookieParametersCarryRequiredDefaultsAndConstraints() {
        JsonNode list = op("/api/pets", "get");
        // read by the paging dependency's provider, not by the handler: still the operation's
        JsonNode limit = param(list, "query", "limit");
        assertThat(limit.path("required").asBoolean()).isFalse();
        assertThat(limit.at("/schema/default").asInt()).isEqualTo(20);
        assertThat(limit.at("/schema/minimum").asInt()).isEqualTo(1);
        assertThat(limit.at("/schema/maximum").asInt()).isEqualTo(100);
        JsonNode kind = param(list, "query", "kind");
        assertThat(kind.path("required").asBoolean()).isFalse();
        // an enum is one named component, wherever it appears
        assertThat(kind.at("/schema/$ref").asText()).isEqualTo("#/components/schemas/Kind");
        assertThat(schema("Kind").path("enum").toString()).isEqualTo("[\"DOG\",\"CAT\"]");
        assertThat(schema("Kind").path("type").asText()).isEqualTo("string");
        assertThat(schema("Pet").at("/properties/kind/$ref").asText()).isEqualTo("#/components/schemas/Kind");
        assertThat(param(list, "header", "x-tenant").path("required").asBoolean())
                .isTrue();
        JsonNode session = param(op("/api/pets/{pet_id}/vaccines", "post"), "cookie", "session");
        assertThat(session.path("required").asBoolean()).isFalse();
    }

    @Test
    void dependenciesThatAreNotRequestValuesNeverAppear() {
        for (JsonNode p : op("/api/pets", "get").path("parameters")) {
            assertThat(p.path("name").asText()).isNotEqualTo("paging");
        }
        assertThat(op("/api/pets", "get").path("parameters")).hasSize(4);
    }

    @Test
    void recordsBecomeComponentsWithRequiredAndNullableFields() {
        JsonNode pet = schema("Pet");
        assertThat(pet.path("required").toString()).isEqualTo("[\"id\",\"name\",\"kind\"]");
        assertThat(pet.at("/properties/name/maxLength").asInt()).isEqualTo(40);
        assertThat(pet.at("/properties/name/minLength").asInt()).isEqualTo(1);
        assertThat(pet.at("/properties/born/type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(pet.at("/properties/born/format").asText()).isEqualTo("date");
        assertThat(pet.at("/properties/createdAt/format").asText()).isEqualTo("date-time");
        assertThat(pet.at("/properties/labels/items/type").asText()).isEqualTo("string");
        assertThat(pet.at("/properties/owner/oneOf/0/$ref").asText()).isEqualTo("#/components/schemas/Owner");
        // Optional<String>: may be missing or null
        assertThat(schema("Owner").at("/properties/email/type").toString()).isEqualTo("[\"string\",\"null\"]");
        assertThat(schema("Owner").path("required").toString()).isEqualTo("[\"name\"]");
    }

    @Test
    void genericReturnTypesGetAComponentPerInstantiation() {
        assertThat(op("/api/pets", "get")
                        .at("/responses/200/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/OffsetPagination_Pet");
        assertThat(schema("OffsetPagination_Pet")
                        .at("/properties/items/items/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/Pet");
    }

    @Test
    void dtoBodiesAndResponsesUseTheirOwnComponentsAndPartialDtosRequireNothing() {
        JsonNode create = op("/api/pets", "post");
        assertThat(create.at("/requestBody/required").asBoolean()).isTrue();
        String in =
                create.at("/requestBody/content/application~1json/schema/$ref").asText();
        JsonNode inbound = schema(in.substring(in.lastIndexOf('/') + 1));
        assertThat(inbound.path("properties").has("id")).isFalse();
        assertThat(inbound.path("properties").has("createdAt")).isFalse();
        assertThat(inbound.path("required").toString()).isEqualTo("[\"name\",\"kind\"]");
        String out = create.at("/responses/201/content/application~1json/schema/$ref")
                .asText();
        assertThat(out).endsWith("ResponseBody");
        String patch = op("/api/pets/{pet_id}", "put")
                .at("/requestBody/content/application~1json/schema/$ref")
                .asText();
        assertThat(patch).isNotEqualTo(in);
        assertThat(schema(patch.substring(patch.lastIndexOf('/') + 1)).has("required"))
                .isFalse();
    }

    @Test
    void plainBodiesAreDecodedTypes() {
        JsonNode body = op("/api/pets/{pet_id}/vaccines", "post").at("/requestBody/content/application~1json/schema");
        assertThat(body.path("type").asText()).isEqualTo("array");
        assertThat(body.at("/items/$ref").asText()).isEqualTo("#/components/schemas/Vaccine");
    }

    @Test
    void defaultStatusesAndMediaTypes() {
        assertThat(op("/api/pets", "post").path("responses").has("201")).isTrue();
        JsonNode delete = op("/api/pets/{pet_id}", "delete").at("/responses/204");
        assertThat(delete.path("description").asText()).isEqualTo("No Content");
        assertThat(delete.has("content")).isFalse();
        assertThat(op("/api/pets/legacy", "get").at("/responses/200/content").has("text/plain"))
                .isTrue();
    }

    @Test
    void errorResponses() {
        JsonNode get = op("/api/pets/{pet_id}", "get").path("responses");
        // declared `throws NotFoundException`; guarded by the router
        assertThat(get.has("404")).isTrue();
        assertThat(get.has("401")).isTrue();
        assertThat(get.has("403")).isTrue();
        // only a path value: a bad one is a 404, never a 400
        assertThat(get.has("400")).isFalse();
        assertThat(op("/api/pets", "get")
                        .at("/responses/400/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/ValidationErrorResponse");
        JsonNode delete = op("/api/pets/{pet_id}", "delete").path("responses");
        assertThat(delete.has("404")).isFalse();
        // @Operation(raises = …) for unchecked exceptions the signature does not name
        assertThat(delete.at("/412/description").asText()).isEqualTo("Precondition Failed");
        assertThat(delete.at("/503/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ErrorResponse");
        // `throws PetAlreadyExists`, an app exception extending ConflictException
        assertThat(op("/api/pets", "post").at("/responses/409/description").asText())
                .isEqualTo("Conflict");
        assertThat(op("/api/pets", "get").path("responses").has("409")).isFalse();
        JsonNode health = op("/health", "get").path("responses");
        assertThat(health.has("401")).isFalse();
        assertThat(op("/health", "get").path("security").isArray()).isTrue();
        assertThat(op("/health", "get").path("security")).isEmpty();
        assertThat(op("/api/pets", "get").at("/security/0").has("bearer")).isTrue();
    }

    @Test
    void tagsSummariesIdsAndDeprecation() {
        JsonNode list = op("/api/pets", "get");
        assertThat(list.path("tags").toString()).isEqualTo("[\"pets\"]");
        assertThat(list.path("summary").asText()).isEqualTo("List Pets");
        assertThat(list.path("operationId").asText()).isEqualTo("getApiPets");
        assertThat(op("/api/pets/{pet_id}", "put").path("operationId").asText()).isEqualTo("putApiPetsPetId");
        JsonNode legacy = op("/api/pets/legacy", "get");
        assertThat(legacy.path("deprecated").asBoolean()).isTrue();
        // @Operation overrides what is derived
        assertThat(legacy.path("summary").asText()).isEqualTo("The old greeting");
        assertThat(legacy.path("description").asText()).isEqualTo("Use **/health** instead.");
        assertThat(legacy.path("operationId").asText()).isEqualTo("legacyGreeting");
        assertThat(list.has("description")).isFalse();
        assertThat(list.has("deprecated")).isFalse();
        List<String> ids = new ArrayList<>();
        doc.path("paths")
                .forEach(item -> item.forEach(
                        operation -> ids.add(operation.path("operationId").asText())));
        assertThat(ids).doesNotHaveDuplicates();
    }

    record Tenant(
            @dev.rigel.annotation.Param(header = "X-Tenant") @jakarta.validation.constraints.Pattern(regexp = "[a-z]+")
            String tenant) {}

    record Moon(String name, int radiusKm) {}

    public static class Moons {
        @Get(value = "/moons/{name}", nonBlocking = true)
        public java.util.concurrent.CompletionStage<Moon> moon(String name) {
            return java.util.concurrent.CompletableFuture.completedFuture(new Moon(name, 1));
        }

        @Get("/moons")
        public java.util.concurrent.CompletableFuture<List<Moon>> moons() {
            return java.util.concurrent.CompletableFuture.completedFuture(List.of());
        }

        @dev.rigel.annotation.Delete("/moons/{name}")
        public java.util.concurrent.CompletionStage<Void> forget(String name) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void anAsyncHandlerIsDocumentedByTheValueItsStageCompletesWith() {
        App app = App.builder().routeHandlers(Moons.class).build();
        ObjectNode generated =
                OpenAPIGenerator.generate(app, OpenAPIConfig.builder("t", "1").build());
        assertThat(generated
                        .at("/paths/~1moons~1{name}/get/responses/200/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/Moon");
        assertThat(generated
                        .at("/paths/~1moons/get/responses/200/content/application~1json/schema/items/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/Moon");
        assertThat(generated
                        .at("/components/schemas/Moon/properties/radiusKm/type")
                        .asText())
                .isEqualTo("integer");
        assertThat(generated.at("/paths/~1moons~1{name}/delete/responses/204").isMissingNode())
                .isFalse();
        generated
                .at("/components/schemas")
                .fieldNames()
                .forEachRemaining(
                        name -> assertThat(name).doesNotContain("Future").doesNotContain("Stage"));
    }

    @Test
    void parametersALayerDeclaresAppearOnEachOfItsRoutes() {
        App app = App.builder()
                .routeHandlers(
                        dev.rigel.Router.builder("/api")
                                .parameters(Tenant.class)
                                .routeHandlers(Route.get("/x", () -> "x"), Route.get("/y", (String tenant) -> tenant))
                                .build(),
                        Route.get("/open", () -> "y"),
                        dev.rigel.Mount.of("/legacy", (scope, receive, send) -> {}))
                .build();
        ObjectNode generated =
                OpenAPIGenerator.generate(app, OpenAPIConfig.builder("t", "1").build());
        // a mounted application documents itself, if at all
        generated
                .get("paths")
                .fieldNames()
                .forEachRemaining(path -> assertThat(path).doesNotStartWith("/legacy"));
        for (String path : List.of("/paths/~1api~1x/get", "/paths/~1api~1y/get")) {
            JsonNode parameters = generated.at(path + "/parameters");
            assertThat(parameters).hasSize(1);
            assertThat(parameters.get(0).get("name").asText()).isEqualTo("X-Tenant");
            assertThat(parameters.get(0).get("in").asText()).isEqualTo("header");
            assertThat(parameters.get(0).get("required").asBoolean()).isTrue();
            assertThat(parameters.get(0).at("/schema/pattern").asText()).isEqualTo("[a-z]+");
        }
        assertThat(generated.at("/paths/~1open/get/parameters").isMissingNode()).isTrue();
    }

    @Test
    void aLayerOptDeclaresSecurityForAuthDoneInMiddleware() {
        OpenAPIConfig config = OpenAPIConfig.builder("t", "1")
                .securityScheme("key", java.util.Map.of("type", "apiKey", "in", "header", "name", "x-key"))
                .build();
        App app = App.builder()
                .routeHandlers(
                        dev.rigel.Router.builder("/api")
                                .opt("security", "key")
                                .routeHandlers(Route.get("/x", () -> "x"))
                                .build(),
                        Route.get("/open", () -> "y"))
                .build();
        ObjectNode generated = OpenAPIGenerator.generate(app, config);
        assertThat(generated.at("/paths/~1api~1x/get/security/0").has("key")).isTrue();
        assertThat(generated.at("/paths/~1api~1x/get/responses").has("401")).isTrue();
        assertThat(generated.at("/paths/~1api~1x/get/responses").has("403")).isFalse();
        assertThat(generated.at("/paths/~1open/get/security")).isEmpty();
        // lambdas have no method name: the summary comes from method and path
        assertThat(generated.at("/paths/~1open/get/summary").asText()).isEqualTo("GET Open");
        App wrong = App.builder()
                .routeHandlers(Route.get("/z", () -> "z").opt("security", "jwt"))
                .build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OpenAPIGenerator.generate(wrong, config))
                .hasMessageContaining("jwt");
    }

    /** Bearer tokens in a header, or the same token in a cookie. */
    static final class TokenAuth extends dev.rigel.security.AbstractAuthenticationMiddleware {
        TokenAuth() {
            exclude("^/login$");
            excludeOptKey("public");
        }

        @Override
        protected dev.rigel.http.AuthenticationResult authenticate(dev.rigel.http.HttpConnection connection) {
            return new dev.rigel.http.AuthenticationResult("someone", null);
        }

        @Override
        public java.util.List<dev.rigel.http.SecurityScheme> securitySchemes() {
            return java.util.List.of(
                    dev.rigel.http.SecurityScheme.bearer("jwt", "JWT"),
                    dev.rigel.http.SecurityScheme.apiKey("jwtCookie", "cookie", "token"));
        }
    }

    @Test
    void authenticationMiddlewareDeclareTheirSchemesOnExactlyTheRoutesTheyCover() {
        App app = App.builder()
                .routeHandlers(
                        dev.rigel.Router.builder("/api")
                                .middleware(new TokenAuth())
                                .routeHandlers(
                                        Route.get("/me", () -> "me"),
                                        Route.get("/status", () -> "up").opt("public", true))
                                .build(),
                        dev.rigel.Router.builder("/")
                                .middleware(new TokenAuth())
                                .routeHandlers(Route.post("/login", () -> "token"))
                                .build(),
                        Route.get("/open", () -> "y"))
                .build();
        ObjectNode generated =
                OpenAPIGenerator.generate(app, OpenAPIConfig.builder("t", "1").build());
        assertThat(generated.at("/components/securitySchemes/jwt/bearerFormat").asText())
                .isEqualTo("JWT");
        assertThat(generated.at("/components/securitySchemes/jwtCookie/in").asText())
                .isEqualTo("cookie");
        JsonNode me = generated.at("/paths/~1api~1me/get");
        // either scheme will do: two alternatives
        assertThat(me.at("/security/0").has("jwt")).isTrue();
        assertThat(me.at("/security/1").has("jwtCookie")).isTrue();
        assertThat(me.at("/responses").has("401")).isTrue();
        for (String excluded : new String[] {"/paths/~1api~1status/get", "/paths/~1login/post", "/paths/~1open/get"}) {
            assertThat(generated.at(excluded + "/security")).as(excluded).isEmpty();
            assertThat(generated.at(excluded + "/responses").has("401"))
                    .as(excluded)
                    .isFalse();
        }
    }

    @Test
    void layerResponseHeadersAndCookiesAreDocumentedOnTheSuccessResponse() {
        App app = App.builder()
                .routeHandlers(
                        dev.rigel.Router.builder("/api")
                                .responseHeader("X-Api-Version", "2")
                                .responseHeader("Cache-Control", "no-store")
                                .cacheControl(dev.rigel.cache.CacheControlHeader.parse("public, max-age=60"))
                                .responseCookie(dev.rigel.http.Cookie.of("seen", "1"))
                                .routeHandlers(Route.get("/x", () -> "x"))
                                .build(),
                        Route.get("/plain", () -> "y"))
                .autoPlugins(false)
                .build();
        ObjectNode generated =
                OpenAPIGenerator.generate(app, OpenAPIConfig.builder("t", "1").build());
        JsonNode headers = generated.at("/paths/~1api~1x/get/responses/200/headers");
        assertThat(headers.at("/X-Api-Version/example").asText()).isEqualTo("2");
        assertThat(headers.at("/cache-control/example").asText()).isEqualTo("public, max-age=60");
        // the cacheControl setting is the header sent; a layer's own Cache-Control is not documented twice
        assertThat(headers.has("Cache-Control")).isFalse();
        assertThat(headers.at("/set-cookie/description").asText()).contains("seen");
        assertThat(generated.at("/paths/~1plain/get/responses/200").has("headers"))
                .isFalse();
    }

    public static class SameIds {
        @Get("/one")
        @dev.rigel.annotation.Operation(operationId = "same")
        public String one() {
            return "1";
        }

        @Get("/two")
        @dev.rigel.annotation.Operation(operationId = "same")
        public String two() {
            return "2";
        }
    }

    @Test
    void chosenOperationIdsMustBeUnique() {
        App app = App.builder().routeHandlers(new SameIds()).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OpenAPIGenerator.generate(
                        app, OpenAPIConfig.builder("t", "1").build()))
                .hasMessageContaining("operationId 'same'")
                .hasMessageContaining("/two");
    }

    @Test
    void operationIdsStayUniqueWhenPathsSpellAlike() {
        App app = App.builder()
                .routeHandlers(Route.get("/a-b", () -> "x"), Route.get("/a_b", () -> "y"))
                .build();
        ObjectNode generated =
                OpenAPIGenerator.generate(app, OpenAPIConfig.builder("t", "1").build());
        assertThat(generated.at("/paths/~1a-b/get/operationId").asText()).isEqualTo("getAB");
        assertThat(generated.at("/paths/~1a_b/get/operationId").asText()).isEqualTo("getAB2");
    }

    @Test
    void generationIsStable() {
        ObjectNode again = OpenAPIGenerator.generate(PetApi.app(PetApi.config()), PetApi.config());
        assertThat(again.toString()).isEqualTo(doc.toString());
    }
}

package dev.rigel.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Param;
import dev.rigel.annotation.Post;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Jakarta Bean Validation on request data and handler parameters, answered in Litestar's 400 shape. */
class ValidationTest {

    record Address(
            @NotBlank String street,
            @Pattern(regexp = "\\d{5}") String zip) {}

    record CreateUser(
            @NotBlank String name,
            @Email String email,
            @Valid Address address,
            @Size(max = 3) List<@NotBlank String> tags) {}

    record Item(@NotBlank String sku, @Min(1) int qty) {}

    /** A bean validated through its fields rather than record components. */
    public static class Signup {
        @NotBlank
        public String username;

        @Size(min = 8)
        public String password;
    }

    public static class Users extends Controller {
        public Users() {
            super("/users");
        }

        @Post
        public Map<String, String> create(CreateUser data) {
            return Map.of("name", data.name());
        }

        @Post("/batch")
        public int batch(List<Item> data) {
            return data.size();
        }

        @Post("/signup")
        public String signup(Signup data) {
            return data.username;
        }

        @Get
        public String list(@Min(1) int page, @Param(query = "page_size", defaultValue = "20") @Max(100) int pageSize) {
            return page + "/" + pageSize;
        }

        @Get("/{user_id:int}")
        public String get(@Max(1000) int userId) {
            return "user " + userId;
        }

        @Get("/session")
        public String session(
                @Param(header = "x-version") @Min(2) int version,
                @Param(cookie = "session") @Size(min = 8) String session) {
            return version + " " + session;
        }
    }

    public static class Pages {
        public String page(@Min(1) int page) {
            return "page " + page;
        }

        public static String size(@Max(10) int size) {
            return "size " + size;
        }
    }

    static final App APP = App.builder()
            .routeHandlers(
                    Router.of("/api/v1", Users.class),
                    Route.get("/pages", new Pages()::page),
                    Route.get("/sizes", Pages::size))
            .build();

    static final Map<String, Object> VALID_USER = Map.of("name", "Ada", "email", "ada@example.com");

    private static Map<String, Object> user(Map<String, Object> changes) {
        Map<String, Object> user = new java.util.HashMap<>(VALID_USER);
        user.putAll(changes);
        return user;
    }

    /** The errors as "key|message|source" strings, for order-independent comparison. */
    private static List<String> errors(TestResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        List<String> errors = new ArrayList<>();
        for (JsonNode error : response.json().get("extra")) {
            errors.add(error.get("key").asText() + "|" + error.get("message").asText() + "|"
                    + error.get("source").asText());
        }
        return errors;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anInvalidBodyFieldAnswersLitestarsShape(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse response = client.post("/api/v1/users", user(Map.of("email", "not-an-email")));

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.header("content-type")).isEqualTo("application/json");
            assertThat(response.text())
                    .isEqualTo("{\"status_code\":400,\"detail\":\"Validation failed for POST "
                            + "/api/v1/users\",\"extra\":[{\"key\":\"email\",\"message\":\"must be a well-formed email "
                            + "address\",\"source\":\"body\"}]}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void validDataPasses(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse response = client.post(
                    "/api/v1/users",
                    user(Map.of("address", Map.of("street", "Main St", "zip", "12345"), "tags", List.of("a", "b"))));

            assertThat(response.status()).isEqualTo(201);
            assertThat(response.text()).isEqualTo("{\"name\":\"Ada\"}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyViolationIsReported(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse response = client.post("/api/v1/users", Map.of("name", " ", "email", "x"));

            assertThat(errors(response))
                    .containsExactlyInAnyOrder(
                            "name|must not be blank|body", "email|must be a well-formed email address|body");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void nestedBodyKeysAreDotted(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse response =
                    client.post("/api/v1/users", user(Map.of("address", Map.of("street", "", "zip", "ABCDE"))));

            assertThat(errors(response))
                    .containsExactlyInAnyOrder(
                            "address.street|must not be blank|body", "address.zip|must match \"\\d{5}\"|body");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void collectionElementsAreKeyedByIndex(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse tags = client.post("/api/v1/users", user(Map.of("tags", List.of("ok", ""))));
            assertThat(errors(tags)).containsExactly("tags.1|must not be blank|body");

            TestResponse tooMany = client.post("/api/v1/users", user(Map.of("tags", List.of("a", "b", "c", "d"))));
            assertThat(errors(tooMany)).containsExactly("tags|size must be between 0 and 3|body");

            TestResponse batch = client.post(
                    "/api/v1/users/batch", List.of(Map.of("sku", "a", "qty", 1), Map.of("sku", "", "qty", 0)));
            assertThat(batch.json().get("detail").asText()).isEqualTo("Validation failed for POST /api/v1/users/batch");
            assertThat(errors(batch))
                    .containsExactlyInAnyOrder(
                            "1.sku|must not be blank|body", "1.qty|must be greater than or equal to 1|body");

            assertThat(client.post("/api/v1/users/batch", List.of(Map.of("sku", "a", "qty", 2)))
                            .text())
                    .isEqualTo("1");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void beanFieldsAreValidatedToo(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            TestResponse response = client.post("/api/v1/users/signup", Map.of("username", "", "password", "short"));

            assertThat(errors(response))
                    .containsExactlyInAnyOrder(
                            "username|must not be blank|body", "password|size must be between 8 and 2147483647|body");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void queryParametersAreValidated(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(client.get("/api/v1/users?page=2").text()).isEqualTo("2/20");

            TestResponse response = client.get("/api/v1/users?page=0&page_size=500");

            assertThat(response.json().get("detail").asText()).isEqualTo("Validation failed for GET /api/v1/users");
            assertThat(errors(response))
                    .containsExactlyInAnyOrder(
                            "page|must be greater than or equal to 1|query",
                            "page_size|must be less than or equal to 100|query");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void pathParametersAreValidated(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(client.get("/api/v1/users/1000").text()).isEqualTo("user 1000");

            TestResponse response = client.get("/api/v1/users/1001");

            assertThat(response.text())
                    .isEqualTo("{\"status_code\":400,\"detail\":\"Validation failed for GET "
                            + "/api/v1/users/1001\",\"extra\":[{\"key\":\"user_id\",\"message\":\"must be less than or equal to "
                            + "1000\",\"source\":\"path\"}]}");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void headersAndCookiesAreValidated(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(client.request("GET", "/api/v1/users/session")
                            .header("x-version", "2")
                            .header("cookie", "session=12345678")
                            .send()
                            .text())
                    .isEqualTo("2 12345678");

            TestResponse response = client.request("GET", "/api/v1/users/session")
                    .header("x-version", "1")
                    .header("cookie", "session=short")
                    .send();

            assertThat(errors(response))
                    .containsExactlyInAnyOrder(
                            "x-version|must be greater than or equal to 2|header",
                            "session|size must be between 8 and 2147483647|cookie");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void methodReferenceHandlersAreValidated(Transport transport) {
        try (TestClient client = Clients.open(APP, transport)) {
            assertThat(client.get("/pages?page=3").text()).isEqualTo("page 3");
            assertThat(errors(client.get("/pages?page=0")))
                    .containsExactly("page|must be greater than or equal to 1|query");
            // Bean Validation ignores constraints on static methods; they must not break the handler either
            assertThat(client.get("/sizes?size=11").text()).isEqualTo("size 11");
        }
    }
}

package dev.rigel.msgpack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Post;
import dev.rigel.dto.DTOConfig;
import dev.rigel.dto.DTOData;
import dev.rigel.dto.RecordDTO;
import dev.rigel.openapi.OpenAPIConfig;
import dev.rigel.openapi.OpenAPIGenerator;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/** MessagePack bodies and responses through {@link MessagePackPlugin}, in-process and over the server. */
class MessagePackTest {

    static final ObjectMapper MSGPACK = new ObjectMapper(new MessagePackFactory());

    public record NewUser(@NotBlank String name, int age, List<String> tags) {}

    public record Account(long id, String email, String password, Instant createdAt) {}

    public static class AccountDTO extends RecordDTO<Account> {
        public AccountDTO() {
            super(DTOConfig.builder().exclude("password").build());
        }
    }

    public static class InboundAccountDTO extends RecordDTO<Account> {
        public InboundAccountDTO() {
            super(DTOConfig.builder().exclude("id", "createdAt").build());
        }
    }

    static final AtomicInteger CACHED_CALLS = new AtomicInteger();

    public static class Api extends Controller {
        public Api() {
            super("/");
        }

        @Post("/users")
        public NewUser create(NewUser data) {
            return data;
        }

        @Get("/users/{id:int}")
        public Map<String, Object> get(int id) {
            return Map.of("id", id, "name", "Ada");
        }

        @Get(value = "/accounts/{id:int}", returnDto = AccountDTO.class)
        public Account account(long id) {
            return new Account(id, "ada@example.com", "s3cret", Instant.parse("2026-01-02T03:04:05Z"));
        }

        @Post(value = "/accounts", dto = InboundAccountDTO.class, returnDto = AccountDTO.class)
        public Account register(DTOData<Account> data) {
            return data.create(Map.of("id", 7L, "createdAt", Instant.parse("2026-01-02T03:04:05Z")));
        }

        @Get(value = "/cached", cache = 60)
        public Map<String, Object> cached() {
            return Map.of("calls", CACHED_CALLS.incrementAndGet());
        }

        @Get("/text")
        public String text() {
            return "plain";
        }
    }

    static App app() {
        return App.builder()
                .plugins(new MessagePackPlugin())
                .routeHandlers(Api.class)
                .build();
    }

    static byte[] pack(Object value) throws IOException {
        return MSGPACK.writeValueAsBytes(value);
    }

    static JsonNode unpack(TestResponse response) throws IOException {
        return MSGPACK.readTree(response.body());
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMessagePackBodyIsReadAndTheAnswerWrittenInTheFormatAcceptAsksFor(Transport transport) throws IOException {
        Map<String, Object> user = Map.of("name", "Ada", "age", 36, "tags", List.of("math", "engines"));
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse packed = client.request("POST", "/users")
                    .header("accept", "application/msgpack")
                    .body(pack(user), "application/msgpack")
                    .send();
            assertThat(packed.status()).isEqualTo(201);
            assertThat(packed.header("content-type")).isEqualTo("application/msgpack");
            assertThat(packed.header("vary")).containsIgnoringCase("accept");
            assertThat(MSGPACK.convertValue(unpack(packed), Map.class)).isEqualTo(user);

            // the legacy spelling in, no Accept: JSON out, as always
            TestResponse json = client.request("POST", "/users")
                    .body(pack(user), "application/x-msgpack")
                    .send();
            assertThat(json.status()).isEqualTo(201);
            assertThat(json.header("content-type")).isEqualTo("application/json");
            assertThat(json.jsonMap()).isEqualTo(user);

            // JSON bodies still work beside it
            assertThat(client.post("/users", user).jsonMap()).isEqualTo(user);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void jsonStaysTheDefaultForTiesWildcardsAndUnsatisfiableAccept(Transport transport) throws IOException {
        try (TestClient client = Clients.open(app(), transport)) {
            for (String accept : List.of(
                    "*/*",
                    "application/*",
                    "application/json, application/msgpack",
                    "application/msgpack;q=0.5, application/json",
                    "text/html",
                    "application/msgpack;q=0")) {
                TestResponse response = client.request("GET", "/users/1")
                        .header("accept", accept)
                        .send();
                assertThat(response.status()).as(accept).isEqualTo(200);
                assertThat(response.header("content-type")).as(accept).isEqualTo("application/json");
                assertThat(response.jsonMap()).as(accept).containsEntry("name", "Ada");
            }
            for (String accept : List.of(
                    "application/msgpack", "application/x-msgpack", "application/json;q=0.9, application/msgpack")) {
                TestResponse response = client.request("GET", "/users/1")
                        .header("accept", accept)
                        .send();
                assertThat(response.header("content-type")).as(accept).isEqualTo("application/msgpack");
                assertThat(unpack(response).path("name").asText()).isEqualTo("Ada");
            }
            // a body the handler chose the type of (text) is never converted
            TestResponse text = client.request("GET", "/text")
                    .header("accept", "application/msgpack")
                    .send();
            assertThat(text.text()).isEqualTo("plain");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void dtosReadAndWriteMessagePack(Transport transport) throws IOException {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse account = client.request("GET", "/accounts/3")
                    .header("accept", "application/msgpack")
                    .send();
            assertThat(account.header("content-type")).isEqualTo("application/msgpack");
            JsonNode node = unpack(account);
            assertThat(node.path("id").asLong()).isEqualTo(3);
            assertThat(node.path("email").asText()).isEqualTo("ada@example.com");
            assertThat(node.path("createdAt").asText()).isEqualTo("2026-01-02T03:04:05Z");
            assertThat(node.has("password")).isFalse();

            TestResponse created = client.request("POST", "/accounts")
                    .header("accept", "application/msgpack")
                    .body(pack(Map.of("email", "bob@example.com", "password", "pw", "id", 99)), "application/msgpack")
                    .send();
            assertThat(created.status()).isEqualTo(201);
            JsonNode made = unpack(created);
            assertThat(made.path("id").asLong())
                    .as("id is not inbound, the override wins")
                    .isEqualTo(7);
            assertThat(made.path("email").asText()).isEqualTo("bob@example.com");
            assertThat(made.has("password")).isFalse();

            TestResponse wrongType = client.request("POST", "/accounts")
                    .body(pack(Map.of("email", List.of(5), "password", "pw")), "application/msgpack")
                    .send();
            assertThat(wrongType.status()).isEqualTo(400);
            assertThat(wrongType.text()).contains("email");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void badMessagePackIsA400LikeBadJson(Transport transport) throws IOException {
        byte[] truncated = pack(Map.of("name", "Ada", "age", 36));
        truncated = java.util.Arrays.copyOf(truncated, truncated.length - 3);
        byte[] garbage = {(byte) 0xc1, (byte) 0xc1, (byte) 0xc1};
        ch.qos.logback.classic.Logger root =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();
        appender.start();
        root.addAppender(appender);
        try (TestClient client = Clients.open(app(), transport)) {
            for (String path : List.of("/users", "/accounts")) {
                for (byte[] broken : List.of(truncated, garbage)) {
                    TestResponse response = client.request("POST", path)
                            .body(broken, "application/msgpack")
                            .send();
                    assertThat(response.status()).as(path).isEqualTo(400);
                    assertThat(response.header("content-type")).isEqualTo("application/json");
                    assertThat((String) response.jsonMap().get("detail"))
                            .as(path)
                            .containsAnyOf("MessagePack body", "MessagePack in request body");
                }
            }
            TestResponse wrongType = client.request("POST", "/users")
                    .body(pack(Map.of("name", "Ada", "age", "old")), "application/msgpack")
                    .send();
            assertThat(wrongType.status()).isEqualTo(400);
            assertThat(wrongType.text()).contains("\"key\":\"age\"");

            TestResponse blank = client.request("POST", "/users")
                    .body(pack(Map.of("name", " ", "age", 3)), "application/msgpack")
                    .send();
            assertThat(blank.status()).isEqualTo(400);
            assertThat(blank.text()).contains("\"key\":\"name\"");

            TestResponse unsupported = client.request("POST", "/users")
                    .body("name=Ada".getBytes(StandardCharsets.UTF_8), "text/plain")
                    .send();
            assertThat(unsupported.status()).isEqualTo(415);
            assertThat(unsupported.text()).contains("application/msgpack");
        } finally {
            root.detachAppender(appender);
        }
        // the client's mistakes are no errors of the app's
        assertThat(appender.list)
                .noneMatch(event -> event.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR));
    }

    @Test
    void anAppWithoutThePluginKnowsOnlyJson() throws IOException {
        App app = App.builder().routeHandlers(Api.class).build();
        TestClient client = TestClient.of(app);
        TestResponse refused = client.request("POST", "/users")
                .body(pack(Map.of("name", "Ada", "age", 1)), "application/msgpack")
                .send();
        assertThat(refused.status()).isEqualTo(415);
        TestResponse json = client.request("GET", "/users/1")
                .header("accept", "application/msgpack")
                .send();
        assertThat(json.header("content-type")).isEqualTo("application/json");
        assertThat(json.header("vary")).isNull();
    }

    @Test
    void theResponseCacheKeepsTheFormatsApart() throws IOException {
        CACHED_CALLS.set(0);
        TestClient client = TestClient.of(app());
        TestResponse json = client.get("/cached");
        TestResponse packed = client.request("GET", "/cached")
                .header("accept", "application/msgpack")
                .send();
        TestResponse packedAgain = client.request("GET", "/cached")
                .header("accept", "application/msgpack")
                .send();
        TestResponse jsonAgain = client.get("/cached");
        assertThat(json.header("content-type")).isEqualTo("application/json");
        assertThat(jsonAgain.header("content-type")).isEqualTo("application/json");
        assertThat(jsonAgain.jsonMap()).isEqualTo(json.jsonMap());
        assertThat(packed.header("content-type")).isEqualTo("application/msgpack");
        assertThat(packedAgain.header("content-type")).isEqualTo("application/msgpack");
        assertThat(unpack(packedAgain)).isEqualTo(unpack(packed));
        assertThat(CACHED_CALLS.get()).isEqualTo(2);
    }

    @Test
    void openApiListsMessagePackBesideJson() {
        JsonNode doc = OpenAPIGenerator.generate(
                app(), OpenAPIConfig.builder("Test", "1").build());
        JsonNode post = doc.at("/paths/~1users/post");
        assertThat(post.at("/requestBody/content").has("application/json")).isTrue();
        assertThat(post.at("/requestBody/content/application~1msgpack/schema"))
                .isEqualTo(post.at("/requestBody/content/application~1json/schema"));
        assertThat(post.at("/responses/201/content").has("application/msgpack")).isTrue();
        assertThat(doc.at("/paths/~1text/get/responses/200/content").has("application/msgpack"))
                .isFalse();
        JsonNode plain = OpenAPIGenerator.generate(
                App.builder().routeHandlers(Api.class).build(),
                OpenAPIConfig.builder("Test", "1").build());
        assertThat(plain.at("/paths/~1users/post/requestBody/content").has("application/msgpack"))
                .isFalse();
    }
}

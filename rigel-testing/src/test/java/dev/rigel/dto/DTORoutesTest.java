package dev.rigel.dto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.Route;
import dev.rigel.annotation.Delete;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Patch;
import dev.rigel.annotation.Post;
import dev.rigel.annotation.Put;
import dev.rigel.dto.field.DTOField;
import dev.rigel.dto.field.Mark;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.http.HandlerInfo;
import dev.rigel.http.Response;
import dev.rigel.pagination.OffsetPagination;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DTOs on routes: request bodies decoded and responses shaped through them, over both transports. */
class DTORoutesTest {

    record Address(String street, String city) {}

    record UserModel(
            @DTOField(mark = Mark.READ_ONLY) Long id,
            @NotBlank @Size(max = 40) String name,
            @Email String email,
            String passwordHash,
            Instant createdAt,
            String internalNotes,
            Address address) {}

    static class UserReadDTO extends RecordDTO<UserModel> {
        UserReadDTO() {
            super(DTOConfig.builder()
                    .exclude("passwordHash", "internalNotes", "address.city")
                    .build());
        }
    }

    static class UserWriteDTO extends RecordDTO<UserModel> {
        UserWriteDTO() {
            super(DTOConfig.builder().include("id", "name", "email", "address").build());
        }
    }

    static class StrictWriteDTO extends RecordDTO<UserModel> {
        StrictWriteDTO() {
            super(DTOConfig.builder()
                    .include("name", "address.street")
                    .forbidUnknownFields(true)
                    .build());
        }
    }

    static class UserPatchDTO extends RecordDTO<UserModel> {
        UserPatchDTO() {
            super(DTOConfig.builder()
                    .include("name", "email", "address.street")
                    .partial(true)
                    .build());
        }
    }

    static class NameOnlyDTO extends RecordDTO<UserModel> {
        NameOnlyDTO() {
            super(DTOConfig.builder()
                    .include("name")
                    .renameStrategy(RenameStrategy.PASCAL)
                    .build());
        }
    }

    static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    /** An in-memory user table, seeded with Ada; one per app so tests do not share state. */
    public static class Users extends Controller {
        final Map<Long, UserModel> rows = new ConcurrentHashMap<>();
        final AtomicLong ids = new AtomicLong(1);

        public Users() {
            super("/users");
            layer().returnDto(UserReadDTO.class);
            rows.put(
                    1L,
                    new UserModel(
                            1L, "Ada", "ada@example.com", "hash-1", CREATED, "vip", new Address("Main St", "London")));
        }

        private UserModel find(long id) {
            UserModel user = rows.get(id);
            if (user == null) {
                throw new NotFoundException("User " + id + " not found");
            }
            return user;
        }

        @Get
        public List<UserModel> list() {
            return List.copyOf(rows.values());
        }

        @Get("/{user_id:int}")
        public UserModel get(long userId) {
            return find(userId);
        }

        @Get("/page")
        public OffsetPagination<UserModel> page() {
            return new OffsetPagination<>(List.copyOf(rows.values()), 10, 0, rows.size());
        }

        @Get("/{user_id:int}/wrapped")
        public Response<UserModel> wrapped(long userId) {
            return Response.of(find(userId)).status(203).header("x-wrapped", "yes");
        }

        @Get(value = "/{user_id:int}/name", returnDto = NameOnlyDTO.class)
        public UserModel name(long userId) {
            return find(userId);
        }

        @Get(value = "/{user_id:int}/everything", returnDto = NoDTO.class)
        public UserModel everything(long userId) {
            return find(userId);
        }

        @Post(dto = UserWriteDTO.class)
        public UserModel create(DTOData<UserModel> data) {
            long id = ids.incrementAndGet();
            UserModel user = data.create(Map.of("id", id, "createdAt", CREATED, "passwordHash", "hash-" + id));
            rows.put(id, user);
            return user;
        }

        @Post(value = "/strict", dto = StrictWriteDTO.class, returnDto = UserReadDTO.class)
        public UserModel strict(UserModel data) {
            return data;
        }

        @Post(value = "/bulk", dto = UserWriteDTO.class)
        public List<UserModel> bulk(List<UserModel> data) {
            return data;
        }

        @Put(value = "/{user_id:int}/as-model", dto = UserWriteDTO.class)
        public UserModel replace(long userId, UserModel data) {
            return data;
        }

        @Patch(value = "/{user_id:int}", dto = UserPatchDTO.class)
        public Response<UserModel> update(long userId, DTOData<UserModel> data) {
            UserModel updated = data.updateInstance(find(userId));
            rows.put(userId, updated);
            return Response.of(updated).header("x-sent", String.join(",", data.sentFields()));
        }

        @Delete("/{user_id:int}")
        public void delete(long userId) {
            rows.remove(userId);
        }
    }

    private static App app() {
        return App.builder()
                .routeHandlers(
                        new Users(),
                        Route.post("/echo", (UserModel data) -> data)
                                .dto(UserWriteDTO.class)
                                .returnDto(UserReadDTO.class))
                .json(mapper -> mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
                .build();
    }

    private static TestResponse send(TestClient client, String method, String path, String singleQuotedJson) {
        return client.request(method, path)
                .body(singleQuotedJson.replace('\'', '"').getBytes(StandardCharsets.UTF_8), "application/json")
                .send();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void responsesCarryOnlyTheReturnDtosFieldsUnderTheAppsNaming(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse one = client.get("/users/1");
            assertThat(one.status()).isEqualTo(200);
            assertThat(one.text())
                    .isEqualTo("{\"id\":1,\"name\":\"Ada\",\"email\":\"ada@example.com\","
                            + "\"created_at\":\"2026-01-01T00:00:00Z\",\"address\":{\"street\":\"Main St\"}}");
            assertThat(one.header("content-type")).isEqualTo("application/json");

            assertThat(client.get("/users").jsonList())
                    .singleElement()
                    .satisfies(
                            user -> assertThat(user).containsOnlyKeys("id", "name", "email", "created_at", "address"));

            TestResponse wrapped = client.get("/users/1/wrapped");
            assertThat(wrapped.status()).isEqualTo(203);
            assertThat(wrapped.header("x-wrapped")).isEqualTo("yes");
            assertThat(wrapped.jsonMap()).containsOnlyKeys("id", "name", "email", "created_at", "address");

            Map<String, Object> page = client.get("/users/page").jsonMap();
            assertThat(page)
                    .containsEntry("limit", 10)
                    .containsEntry("offset", 0)
                    .containsEntry("total", 1);
            assertThat((List<?>) page.get("items"))
                    .singleElement()
                    .satisfies(user -> assertThat(user.toString()).doesNotContain("password_hash", "internal_notes"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theClosestLayersDtoWinsAndNoDtoSwitchesItOff(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(client.get("/users/1/name").text()).isEqualTo("{\"Name\":\"Ada\"}");
            assertThat(client.get("/users/1/everything").jsonMap())
                    .containsEntry("password_hash", "hash-1")
                    .containsEntry("internal_notes", "vip");
            assertThat(client.delete("/users/1").status()).isEqualTo(204);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void createsThroughTheWriteDtoAndAnswersThroughTheReadDto(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse created = send(
                    client,
                    "POST",
                    "/users",
                    "{'id':999,'name':'Grace','email':'grace@example.com','address':{'street':'Elm','city':'NYC'}}");
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            assertThat(created.jsonMap())
                    .containsEntry("id", 2)
                    .containsEntry("name", "Grace")
                    .containsEntry("address", Map.of("street", "Elm"))
                    .doesNotContainKey("password_hash");
            // read-only id was ignored; the model holds what the write DTO let through plus the server's values
            assertThat(client.get("/users/2/everything").jsonMap())
                    .containsEntry("id", 2)
                    .containsEntry("password_hash", "hash-2")
                    .containsEntry("internal_notes", null)
                    .containsEntry("address", Map.of("street", "Elm", "city", "NYC"));

            TestResponse bulk = send(client, "POST", "/users/bulk", "[{'name':'A'},{'name':'B','email':'b@b.io'}]");
            assertThat(bulk.status()).isEqualTo(201);
            assertThat(bulk.jsonList()).extracting(user -> user.get("name")).containsExactly("A", "B");

            TestResponse echoed = send(client, "POST", "/echo", "{'name':'Lambda','email':'l@example.com'}");
            assertThat(echoed.status()).isEqualTo(201);
            assertThat(echoed.jsonMap()).containsEntry("name", "Lambda").containsEntry("id", null);

            TestResponse asModel = send(client, "PUT", "/users/1/as-model", "{'name':'Whole'}");
            assertThat(asModel.jsonMap()).containsEntry("name", "Whole").containsEntry("email", null);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void partialPatchWritesOnlyTheSentFieldsAndTellsNullFromAbsent(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse renamed = send(client, "PATCH", "/users/1", "{'name':'Augusta'}");
            assertThat(renamed.status()).isEqualTo(200);
            assertThat(renamed.header("x-sent")).isEqualTo("name");
            assertThat(renamed.jsonMap()).containsEntry("name", "Augusta").containsEntry("email", "ada@example.com");

            TestResponse cleared = send(client, "PATCH", "/users/1", "{'email':null,'address':{'street':'Side St'}}");
            assertThat(cleared.header("x-sent")).isEqualTo("email,address");
            assertThat(cleared.jsonMap())
                    .containsEntry("name", "Augusta")
                    .containsEntry("email", null)
                    .containsEntry("address", Map.of("street", "Side St"));
            // the nested model was merged: its city, which the patch DTO cannot send, is still there
            assertThat(client.get("/users/1/everything").jsonMap())
                    .containsEntry("address", Map.of("street", "Side St", "city", "London"))
                    .containsEntry("password_hash", "hash-1");

            TestResponse nothing = send(client, "PATCH", "/users/1", "{}");
            assertThat(nothing.jsonMap()).containsEntry("name", "Augusta");
            assertThat(nothing.header("x-sent")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void excludedAndReadOnlyFieldsSentByAClientAreNeverWritten(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse patched = send(
                    client,
                    "PATCH",
                    "/users/1",
                    "{'id':5,'password_hash':'forged','internal_notes':'x','created_at':'2000-01-01T00:00:00Z',"
                            + "'address':{'city':'Paris'}}");
            assertThat(patched.status()).isEqualTo(200);
            assertThat(patched.header("x-sent")).isEqualTo("address");
            assertThat(client.get("/users/1/everything").jsonMap())
                    .containsEntry("id", 1)
                    .containsEntry("password_hash", "hash-1")
                    .containsEntry("internal_notes", "vip")
                    .containsEntry("created_at", "2026-01-01T00:00:00Z")
                    .containsEntry("address", Map.of("street", "Main St", "city", "London"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void invalidInputIsTheCoresValidationErrorWithDottedKeys(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse invalid =
                    send(client, "POST", "/users", "{'name':'','email':'nope','address':{'street':[1]}}");
            assertThat(invalid.status()).isEqualTo(400);
            assertThat(invalid.text())
                    .isEqualTo("{\"status_code\":400,\"detail\":\"Validation failed for POST /users\","
                            + "\"extra\":[{\"key\":\"address.street\",\"message\":\"Cannot deserialize value of type `String`"
                            + " from Array value (token `START_ARRAY`)\",\"source\":\"body\"}]}");

            TestResponse constraints = send(client, "POST", "/users", "{'name':'','email':'nope'}");
            assertThat(constraints.text())
                    .isEqualTo(
                            "{\"status_code\":400,\"detail\":\"Validation failed for POST"
                                    + " /users\",\"extra\":[{\"key\":\"email\",\"message\":\"must be a well-formed email address\","
                                    + "\"source\":\"body\"},{\"key\":\"name\",\"message\":\"must not be blank\",\"source\":\"body\"}]}");

            TestResponse typed = send(client, "POST", "/users", "{'name':'Ok','address':'Main'}");
            assertThat(typed.jsonMap().get("extra"))
                    .asList()
                    .containsExactly(Map.of("key", "address", "message", "expected an object", "source", "body"));

            TestResponse patchNull = send(client, "PATCH", "/users/1", "{'name':null}");
            assertThat(patchNull.status()).isEqualTo(400);
            assertThat(patchNull.jsonMap().get("extra"))
                    .asList()
                    .containsExactly(Map.of("key", "name", "message", "must not be blank", "source", "body"));

            TestResponse malformed = send(client, "POST", "/users", "{'name':");
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.jsonMap().get("detail").toString()).startsWith("Malformed JSON in request body");

            TestResponse empty = client.request("POST", "/users").send();
            assertThat(empty.status()).isEqualTo(400);
            assertThat(empty.jsonMap()).containsEntry("detail", "Request body is empty; expected JSON");
        }
    }

    /** Issue 21: a key sent twice is refused, on the DTO path as on plain bodies. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void duplicateKeysAreRefused(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse response =
                    send(client, "POST", "/users", "{'name':'Grace','email':'grace@example.com','name':'Eve'}");
            assertThat(response.status()).as(response.text()).isEqualTo(400);
            assertThat(response.json().get("detail").asText()).contains("Duplicate field 'name'");
        }
    }

    /** Issue 21: DTO bodies must be declared JSON and be well-formed UTF-8, as plain bodies. */
    @ParameterizedTest
    @EnumSource(Transport.class)
    void dtoBodiesMustBeJsonInUtf8(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            byte[] user = "{\"name\":\"Grace\",\"email\":\"grace@example.com\"}".getBytes(StandardCharsets.UTF_8);
            TestResponse plain =
                    client.request("POST", "/users").body(user, "text/plain").send();
            assertThat(plain.status()).isEqualTo(415);
            java.io.ByteArrayOutputStream overlong = new java.io.ByteArrayOutputStream();
            overlong.writeBytes("{\"name\":\"Grace".getBytes(StandardCharsets.UTF_8));
            overlong.writeBytes(new byte[] {(byte) 0xC0, (byte) 0xAF}); // '/' in an overlong form
            overlong.writeBytes("\",\"email\":\"grace@example.com\"}".getBytes(StandardCharsets.UTF_8));
            TestResponse refused = client.request("POST", "/users")
                    .body(overlong.toByteArray(), "application/json")
                    .send();
            assertThat(refused.status()).as(refused.text()).isEqualTo(400);
            assertThat(refused.json().get("detail").asText())
                    .isEqualTo("Invalid JSON body: not valid UTF-8 at byte 14 (JSON bodies must be UTF-8)");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void forbiddenUnknownFieldsAreNamed(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse refused = send(
                    client,
                    "POST",
                    "/users/strict",
                    "{'name':'Eve','nickname':'e','id':3,'password_hash':'x','address':{'street':'a','city':'b'}}");
            assertThat(refused.status()).isEqualTo(400);
            // read-only and excluded fields are unknown to input as much as made-up ones
            assertThat(refused.jsonMap().get("extra"))
                    .asList()
                    .containsExactly(
                            Map.of("key", "address.city", "message", "unknown field", "source", "body"),
                            Map.of("key", "id", "message", "unknown field", "source", "body"),
                            Map.of("key", "nickname", "message", "unknown field", "source", "body"),
                            Map.of("key", "password_hash", "message", "unknown field", "source", "body"));
            assertThat(send(client, "POST", "/users/strict", "{'name':'Eve','address':{'street':'a'}}")
                            .jsonMap())
                    .containsEntry("name", "Eve")
                    .containsEntry("address", Map.of("street", "a"));
            // the patch DTO does not forbid them: unknown fields are ignored
            assertThat(send(client, "PATCH", "/users/1", "{'nickname':'e','name':'Eve'}")
                            .status())
                    .isEqualTo(200);
        }
    }

    @org.junit.jupiter.api.Test
    void routesDescribeTheirDtosForSchemaGenerators() {
        App app = app();
        HandlerInfo create = route(app, "POST", "/users");
        HandlerInfo list = route(app, "GET", "/users");
        HandlerInfo delete = route(app, "DELETE", "/users/{user_id:int}");

        assertThat(create.dataDTO()).hasValueSatisfying(in -> {
            assertThat(in.direction()).isEqualTo(DTODescription.Direction.INBOUND);
            assertThat(in.fields()).extracting(DTOFieldDescription::name).containsExactly("name", "email", "address");
            assertThat(in.field("name").required()).isTrue();
        });
        assertThat(create.returnDTO())
                .hasValueSatisfying(out -> assertThat(out.fields())
                        .extracting(DTOFieldDescription::name)
                        .containsExactly("id", "name", "email", "created_at", "address"));
        assertThat(list.dataDTO()).isEmpty();
        assertThat(list.returnDTO()).isPresent();
        assertThat(delete.returnDTO()).as("nothing returned, nothing shaped").isEmpty();
    }

    private static HandlerInfo route(App app, String method, String path) {
        return app.routes().stream()
                .filter(r -> r.methods().contains(method) && r.pathTemplate().equals(path))
                .findFirst()
                .orElseThrow();
    }
}

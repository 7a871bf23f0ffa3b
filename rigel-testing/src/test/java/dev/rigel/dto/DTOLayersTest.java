package dev.rigel.dto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Post;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.response.Redirect;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Where DTOs come from (any layer, the closest winning) and what a route must declare to use them. */
class DTOLayersTest {

    record Note(long id, String title, String body, String owner) {}

    static final Note NOTE = new Note(1, "t", "b", "o");

    static class IdOnly extends RecordDTO<Note> {
        IdOnly() {
            super(DTOConfig.builder().include("id").build());
        }
    }

    static class TitleOnly extends RecordDTO<Note> {
        TitleOnly() {
            super(DTOConfig.builder().include("title").build());
        }
    }

    static class BodyOnly extends RecordDTO<Note> {
        BodyOnly() {
            super(DTOConfig.builder().include("body").build());
        }
    }

    /** The controller sets a data DTO only: its responses fall back to it. */
    public static class Notes extends Controller {
        public Notes() {
            super("/notes");
            layer().dto(TitleOnly.class);
        }

        @Get
        public Note one() {
            return NOTE;
        }

        @Get(value = "/body", returnDto = BodyOnly.class)
        public Note body() {
            return NOTE;
        }

        @Post
        public Note echo(Note data) {
            return data;
        }

        @Get(value = "/text", returnDto = NoDTO.class)
        public String text() {
            return "plain";
        }
    }

    private static App app() {
        Router api = Router.builder("/api")
                .returnDto(IdOnly.class)
                .routeHandlers(
                        Route.get("/router", () -> NOTE),
                        Route.get("/nearer-data-dto", () -> NOTE).dto(TitleOnly.class),
                        Route.get("/instance", () -> NOTE)
                                .returnDto(RecordDTO.of(
                                        Note.class,
                                        DTOConfig.builder().include("owner").build())))
                .build();
        return App.builder()
                .dto(BodyOnly.class)
                .routeHandlers(api, new Notes(), Route.get("/app", () -> NOTE))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theClosestLayerWinsAndTheReturnDtoFallsBackToTheDataDto(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(client.get("/app").text())
                    .as("the app's data DTO shapes responses too")
                    .isEqualTo("{\"body\":\"b\"}");
            assertThat(client.get("/api/router").text()).as("router return DTO").isEqualTo("{\"id\":1}");
            // as in Litestar: a return DTO on any layer beats falling back to a nearer data DTO
            assertThat(client.get("/api/nearer-data-dto").text()).isEqualTo("{\"id\":1}");
            assertThat(client.get("/api/instance").text())
                    .as("a DTO instance on a route")
                    .isEqualTo("{\"owner\":\"o\"}");
            assertThat(client.get("/notes").text())
                    .as("controller data DTO beats the app's")
                    .isEqualTo("{\"title\":\"t\"}");
            assertThat(client.get("/notes/body").text())
                    .as("handler return DTO")
                    .isEqualTo("{\"body\":\"b\"}");
            assertThat(client.request("POST", "/notes")
                            .body(
                                    "{\"title\":\"new\",\"body\":\"ignored\"}".getBytes(StandardCharsets.UTF_8),
                                    "application/json")
                            .send()
                            .text())
                    .isEqualTo("{\"title\":\"new\"}");
            assertThat(client.get("/notes/text").text()).as("NoDTO").isEqualTo("plain");
        }
    }

    record Range(int from, int to) {
        Range {
            if (from > to) {
                throw new IllegalArgumentException("from must not be after to");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aModelWhoseConstructorRefusesTheInputIsABadRequest(Transport transport) {
        App app = App.builder()
                .routeHandlers(Route.post("/ranges", (Range data) -> data.to() - data.from())
                        .dto(RecordDTO.of(Range.class, DTOConfig.defaults()))
                        .returnDto(NoDTO.class))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.post("/ranges", java.util.Map.of("from", 1, "to", 3))
                            .text())
                    .isEqualTo("2");
            assertThat(client.post("/ranges", java.util.Map.of("from", 3, "to", 1))
                            .text())
                    .isEqualTo(
                            "{\"status_code\":400,\"detail\":\"Validation failed for POST /ranges\",\"extra\":[{\"key\":\"\","
                                    + "\"message\":\"cannot make a Range: from must not be after to\",\"source\":\"body\"}]}");
        }
    }

    // ---- startup checks ----

    record Other(String name) {}

    public static class WrongDataType {
        @Post(value = "/x", dto = TitleOnly.class)
        public String create(Other data) {
            return "";
        }
    }

    public static class WrongReturnType {
        @Get(value = "/x", returnDto = TitleOnly.class)
        public List<Other> list() {
            return List.of();
        }
    }

    public static class VoidAndRedirectNeedNoDto extends Controller {
        public VoidAndRedirectNeedNoDto() {
            super("/");
            layer().returnDto(TitleOnly.class);
        }

        @Post("/void")
        public void nothing() {}

        @Get("/moved")
        public Redirect moved() {
            return Redirect.to("/elsewhere");
        }
    }

    static class NoDefaultConstructor extends RecordDTO<Note> {
        NoDefaultConstructor(String unused) {
            super(DTOConfig.defaults());
        }
    }

    static class Misspelt extends RecordDTO<Note> {
        Misspelt() {
            super(DTOConfig.builder().exclude("titel").build());
        }
    }

    @Test
    void aDataParameterOfAnotherTypeFailsTheBuildNamingRouteAndParameter() {
        assertThatThrownBy(
                        () -> App.builder().routeHandlers(WrongDataType.class).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("POST /x")
                .hasMessageContaining("parameter 'data' of handler WrongDataType.create is a Other, but its DTO"
                        + " TitleOnly shapes Note")
                .hasMessageContaining("dto = NoDTO.class");
    }

    @Test
    void aReturnTypeOfAnotherModelFailsTheBuild() {
        assertThatThrownBy(
                        () -> App.builder().routeHandlers(WrongReturnType.class).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("GET /x")
                .hasMessageContaining("returns List<Other>, but its return DTO TitleOnly shapes Note");
    }

    @Test
    void handlersThatReturnNoDataIgnoreTheReturnDto() {
        try (TestClient client = TestClient.of(
                App.builder().routeHandlers(VoidAndRedirectNeedNoDto.class).build())) {
            assertThat(client.post("/void", null).status()).isEqualTo(201);
            assertThat(client.get("/moved").header("location")).isEqualTo("/elsewhere");
        }
    }

    @Test
    void aDtoClassMustBeCreatableAndItsConfigMustNameRealFields() {
        assertThatThrownBy(() -> App.builder()
                        .routeHandlers(Route.get("/x", () -> NOTE).returnDto(NoDefaultConstructor.class))
                        .build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("needs a no-argument constructor");
        assertThatThrownBy(() -> App.builder()
                        .routeHandlers(Route.get("/x", () -> NOTE).returnDto(Misspelt.class))
                        .build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("Misspelt (over Note): 'titel': Note has no field 'titel'");
    }

    @Test
    void aLayerRefusesSomethingThatIsNotADto() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<? extends AbstractDTO<?>> notADto = (Class) String.class;
        assertThatThrownBy(() -> App.builder().dto(notADto))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a DTO class or instance");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<? extends AbstractDTO<?>> abstractDto = (Class) RecordDTO.class;
        assertThatThrownBy(() -> App.builder().returnDto(abstractDto))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RecordDTO is abstract");
    }
}

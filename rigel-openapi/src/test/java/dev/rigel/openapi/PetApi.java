package dev.rigel.openapi;

import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.WebSocketRoute;
import dev.rigel.annotation.Delete;
import dev.rigel.annotation.ExcludeFromSchema;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Param;
import dev.rigel.annotation.Post;
import dev.rigel.annotation.Put;
import dev.rigel.di.Provide;
import dev.rigel.dto.DTOConfig;
import dev.rigel.dto.DTOData;
import dev.rigel.dto.RecordDTO;
import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.pagination.OffsetPagination;
import dev.rigel.websocket.WebSocketConnection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small app using every kind of input and output the generator describes. */
final class PetApi {

    enum Kind {
        DOG,
        CAT
    }

    record Owner(@NotBlank String name, Optional<String> email) {}

    record Pet(
            long id,
            @NotBlank @Size(max = 40) String name,
            @NotNull Kind kind,
            LocalDate born,
            List<String> labels,
            Owner owner,
            Instant createdAt) {}

    record Vaccine(String name, LocalDate given) {}

    /** The pet as clients create and update it: no id, no timestamp. */
    static final class PetDTO extends RecordDTO<Pet> {
        PetDTO() {
            super(DTOConfig.builder().exclude("id", "createdAt").build());
        }
    }

    static final class PetPatchDTO extends RecordDTO<Pet> {
        PetPatchDTO() {
            super(DTOConfig.builder().exclude("id", "createdAt").partial(true).build());
        }
    }

    /** An app's own exception: documented with the status of the built-in one it extends. */
    static final class PetAlreadyExists extends dev.rigel.exceptions.ConflictException {
        PetAlreadyExists(String name) {
            super("A pet named " + name + " exists");
        }
    }

    /** A dependency that reads a query parameter of its own: that parameter belongs to the operation. */
    record Paging(int limit, int offset) {}

    static Paging paging(
            @Param(query = "limit", defaultValue = "20") @Min(1) @Max(100) int limit,
            @Param(query = "offset", defaultValue = "0") @Min(0) int offset) {
        return new Paging(limit, offset);
    }

    public static final class PetController extends Controller {
        public PetController() {
            super("/pets");
        }

        @Get
        public OffsetPagination<Pet> listPets(
                Paging paging, Optional<Kind> kind, @Param(header = "x-tenant") String tenant) {
            return new OffsetPagination<>(List.of(), paging.limit(), paging.offset(), 0);
        }

        @Get("/{pet_id:long}")
        public Pet getPet(long petId) throws NotFoundException {
            throw new NotFoundException("no pet " + petId);
        }

        @Post(dto = PetDTO.class)
        public Pet createPet(DTOData<Pet> data) throws PetAlreadyExists {
            return data.create(Map.of("id", 1L, "createdAt", Instant.EPOCH));
        }

        @Put(value = "/{pet_id:long}", dto = PetPatchDTO.class, returnDto = PetDTO.class)
        public Pet updatePet(long petId, DTOData<Pet> data) {
            return data.create(Map.of("id", petId, "createdAt", Instant.EPOCH));
        }

        @Delete("/{pet_id:long}")
        @dev.rigel.annotation.Operation(
                raises = {
                    dev.rigel.exceptions.PreconditionFailedException.class,
                    dev.rigel.exceptions.ServiceUnavailableException.class
                })
        public void deletePet(long petId) {}

        @Post("/{pet_id:long}/vaccines")
        public List<Vaccine> vaccinate(
                long petId, List<Vaccine> data, @Param(cookie = "session") Optional<String> session) {
            return data;
        }

        @Deprecated
        @Get("/legacy")
        @dev.rigel.annotation.Operation(
                summary = "The old greeting",
                description = "Use **/health** instead.",
                operationId = "legacyGreeting")
        public String legacy() {
            return "old";
        }

        @ExcludeFromSchema
        @Get("/hidden")
        public String hidden() {
            return "hidden";
        }
    }

    private PetApi() {}

    static App app(OpenAPIConfig config) {
        Router api = Router.builder("/api")
                .routeHandlers(PetController.class)
                .tags("pets")
                .guards((request, handler) -> {
                    if (request.headers().get("authorization") == null) {
                        throw new NotAuthorizedException();
                    }
                })
                .dependency("paging", Provide.of(PetApi::paging))
                .build();
        return App.builder()
                .plugins(OpenAPIPlugin.of(config))
                .routeHandlers(
                        api,
                        Route.get("/health", () -> Map.of("status", "ok")),
                        WebSocketRoute.handler("/ws", (WebSocketConnection socket) -> socket.close()))
                .build();
    }

    /** For {@link OpenAPIExport}: a public static factory. */
    public static App exported() {
        return app(config());
    }

    static OpenAPIConfig config() {
        return configBuilder().build();
    }

    static OpenAPIConfig.Builder configBuilder() {
        return OpenAPIConfig.builder("Pet API", "1.2.3")
                .description("Pets and their vaccines")
                .server("http://localhost:8000", "local")
                .license("Apache 2.0", "Apache-2.0")
                .tag("pets", "Everything about pets")
                .securityScheme("bearer", Map.of("type", "http", "scheme", "bearer"))
                .security("bearer");
    }
}

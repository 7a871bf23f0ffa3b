package dev.rigel.dto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.annotation.Get;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.Response;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A return DTO inside the app's own generic response types, over both transports. */
class GenericWrapperRoutesTest {

    public record User(long id, String name, String passwordHash) {}

    public record Envelope<T>(T data, String requestId) {}

    public record Page<T>(List<T> items, int total) {}

    public record Lookup<T>(Map<String, T> byName, Optional<T> best, User owner) {}

    public static class PublicUser extends RecordDTO<User> {
        public PublicUser() {
            super(DTOConfig.builder().exclude("passwordHash").build());
        }
    }

    static final User ADA = new User(1, "Ada", "hash-1");
    static final User BOB = new User(2, "Bob", "hash-2");

    public static class Users {
        @Get(value = "/envelope", returnDto = PublicUser.class)
        public Envelope<User> envelope() {
            return new Envelope<>(ADA, "req-7");
        }

        @Get(value = "/page", returnDto = PublicUser.class)
        public Response<Envelope<Page<User>>> page() {
            return Response.of(new Envelope<>(new Page<>(List.of(ADA, BOB), 2), "req-8"))
                    .header("x-page", "1");
        }

        @Get(value = "/lookup", returnDto = PublicUser.class)
        public Lookup<User> lookup() {
            return new Lookup<>(Map.of("bob", BOB), Optional.empty(), ADA);
        }
    }

    public static class WrongWrapper {
        @Get(value = "/wrong", returnDto = PublicUser.class)
        public Envelope<String> wrong() {
            return new Envelope<>("x", "y");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theDtoShapesTheTypeParameterInsideTheAppsWrappers(Transport transport) {
        try (TestClient client =
                Clients.open(App.builder().routeHandlers(new Users()).build(), transport)) {
            assertThat(client.get("/envelope").text())
                    .isEqualTo("{\"data\":{\"id\":1,\"name\":\"Ada\"},\"requestId\":\"req-7\"}");

            TestResponse page = client.get("/page");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("x-page")).isEqualTo("1");
            assertThat(page.text())
                    .isEqualTo("{\"data\":{\"items\":[{\"id\":1,\"name\":\"Ada\"},{\"id\":2,\"name\":\"Bob\"}],"
                            + "\"total\":2},\"requestId\":\"req-8\"}");

            // a field declared User (not T) is the wrapper's own: written whole, as without a DTO
            assertThat(client.get("/lookup").text())
                    .isEqualTo("{\"byName\":{\"bob\":{\"id\":2,\"name\":\"Bob\"}},\"best\":null,"
                            + "\"owner\":{\"id\":1,\"name\":\"Ada\",\"passwordHash\":\"hash-1\"}}");
        }
    }

    @Test
    void aLambdaReturningAWrapperFailsTheBuildRatherThanSendTheWholeModel() {
        // javac erases a lambda's generic return type: nothing says where the model sits
        assertThatThrownBy(() -> App.builder()
                        .routeHandlers(Route.get("/lambda", () -> new Envelope<>(ADA, "r"))
                                .returnDto(PublicUser.class))
                        .build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("declare the handler as a method returning Envelope<User>");
    }

    @Test
    void aWrapperWithoutTheModelFailsTheBuildNamingTheRoute() {
        assertThatThrownBy(() -> App.builder().routeHandlers(new WrongWrapper()).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("GET /wrong")
                .hasMessageContaining("Envelope<String> holds no User");
    }
}

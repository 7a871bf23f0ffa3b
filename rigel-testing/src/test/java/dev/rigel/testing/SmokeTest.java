package dev.rigel.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.Request;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Post;
import dev.rigel.di.Provide;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmokeTest {

    record User(int id, String name) {}

    public static class Users extends Controller {
        public Users() { super("/users"); }

        @Get
        public List<User> list(String prefix) { return List.of(new User(1, prefix + "ada")); }

        @Get("/{user_id:int}")
        public User get(int userId, String greeting) { return new User(userId, greeting); }

        @Post
        public User create(User data) { return data; }
    }

    @Test
    void smoke() {
        App app = App.builder()
                .routeHandlers(Route.get("/health", () -> Map.of("status", "ok")),
                        Route.get("/echo", (Request r) -> r.path()),
                        Router.builder("/api").routeHandlers(Users.class)
                                .dependency("greeting", Provide.of(() -> "hi")).build())
                .build();
        try (TestClient client = TestClient.of(app)) {
            System.out.println(client.get("/health"));
            System.out.println(client.get("/echo"));
            System.out.println(client.get("/api/users?prefix=x"));
            System.out.println(client.get("/api/users"));
            System.out.println(client.get("/api/users/5"));
            System.out.println(client.get("/api/users/abc"));
            System.out.println(client.post("/api/users", Map.of("id", 3, "name", "bob")));
            System.out.println(client.post("/api/users", Map.of("id", "x", "name", "bob")));
            System.out.println(client.request("POST", "/api/users").body("{bad".getBytes(), "application/json").send());
            System.out.println(client.request("DELETE", "/api/users").send());
            System.out.println(client.options("/api/users"));
            System.out.println(client.head("/api/users/5"));
            assertThat(client.get("/health").status()).isEqualTo(200);
        }
    }
}

package dev.rigel.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Post;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.Response;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code Cache-Control} per layer: the closest layer's value is sent; the handler's own header wins. */
class CacheControlTest {

    public static final class Pages extends Controller {
        public Pages() {
            super("/pages");
            layer().cacheControl(CacheControlHeader.builder()
                    .privateCache()
                    .maxAge(30)
                    .build());
        }

        @Get("/controller")
        public String controller() {
            return "c";
        }

        @Get(value = "/handler", cacheControl = "no-store")
        public String handler() {
            return "h";
        }

        @Get(value = "/own", cacheControl = "no-store")
        public Response<String> own() {
            return Response.of("o").header("Cache-Control", "max-age=5");
        }

        @Get("/tagged")
        public Response<String> tagged() {
            return Response.of("t").etag("v1");
        }

        @Post(value = "/posted", cacheControl = "no-cache, must-revalidate")
        public String posted() {
            return "p";
        }
    }

    static App app() {
        return App.builder()
                .cacheControl(
                        CacheControlHeader.builder().publicCache().maxAge(3600).build())
                .responseHeader("cache-control", "ignored: the cacheControl setting wins")
                .routeHandlers(
                        Route.get("/app", () -> "a"),
                        Route.get("/route", () -> "r").cacheControl(CacheControlHeader.noStore()),
                        Router.builder("/router")
                                .cacheControl(CacheControlHeader.parse("max-age=60, immutable"))
                                .routeHandlers(Route.get("/x", () -> "x"), Pages.class)
                                .build())
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theClosestLayerWins(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(client.get("/app").header("cache-control")).isEqualTo("public, max-age=3600");
            assertThat(client.get("/route").header("cache-control")).isEqualTo("no-store");
            assertThat(client.get("/router/x").header("cache-control")).isEqualTo("max-age=60, immutable");
            assertThat(client.get("/router/pages/controller").header("cache-control"))
                    .isEqualTo("private, max-age=30");
            assertThat(client.get("/router/pages/handler").header("cache-control"))
                    .isEqualTo("no-store");
            assertThat(client.post("/router/pages/posted", null).header("cache-control"))
                    .isEqualTo("no-cache, must-revalidate");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theHandlersOwnHeaderBeatsEveryLayerAndA304KeepsIt(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            assertThat(client.get("/router/pages/own").headers().getAll("cache-control"))
                    .containsExactly("max-age=5");
            var notModified = client.request("GET", "/router/pages/tagged")
                    .header("if-none-match", "\"v1\"")
                    .send();
            assertThat(notModified.status()).isEqualTo(304);
            assertThat(notModified.header("cache-control")).isEqualTo("private, max-age=30");
        }
    }

    @Test
    void aMalformedAnnotationValueFailsTheBuildNamingTheHandler() {
        final class Broken {
            @Get(value = "/b", cacheControl = "max-age=soon")
            public String broken() {
                return "b";
            }
        }
        assertThatThrownBy(() -> App.builder().routeHandlers(new Broken()).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("Broken.broken")
                .hasMessageContaining("'max-age' needs a number of seconds");
    }
}

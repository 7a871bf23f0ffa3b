package dev.rigel.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Param;
import dev.rigel.annotation.Post;
import dev.rigel.di.Provide;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.form.Form;
import dev.rigel.http.HandlerInfo;
import dev.rigel.http.RouteParameter;
import dev.rigel.http.RouteParameter.Source;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link HandlerInfo#parameters()} and the other planning facts the OpenAPI generator reads. */
class RouteParametersTest {

    record Item(String name) {}

    record Limit(int value) {}

    static Limit limit(@Param(query = "limit", defaultValue = "10") @Min(1) int limit) {
        return new Limit(limit);
    }

    public static class Items {
        @Get("/items/{item_id:int}/{rest:path}")
        public Item get(
                long itemId,
                Limit limit,
                Optional<String> q,
                @Param(header = "x-trace") String trace,
                @Param(cookie = "sid", required = false) String sid,
                List<Integer> tags)
                throws NotFoundException {
            return new Item("x");
        }

        @Post("/items")
        public Item create(Item data) {
            return data;
        }

        @Post("/form")
        public String form(@Form Item data) {
            return data.name();
        }

        @Post("/raw")
        public void raw(byte[] body) {}
    }

    private static HandlerInfo route(App app, String template) {
        return app.routes().stream()
                .filter(r -> r.pathTemplate().equals(template))
                .findFirst()
                .orElseThrow();
    }

    private static App app() {
        return App.builder()
                .routeHandlers(
                        Router.builder("/")
                                .routeHandlers(new Items())
                                .dependency("limit", Provide.of(RouteParametersTest::limit))
                                .guards((request, handler) -> {})
                                .build(),
                        Route.get("/plain", () -> "x"))
                .build();
    }

    @Test
    void listsEveryRequestValueOfHandlerAndProvidersButNoDependencies() {
        HandlerInfo get = route(app(), "/items/{item_id:int}/{rest:path}");
        List<String> described =
                get.parameters().stream().map(p -> p.source() + " " + p.name()).toList();
        // the path's `rest` is bound by nothing but is still part of the route
        assertThat(described)
                .containsExactly(
                        "PATH item_id",
                        "PATH rest",
                        "QUERY limit",
                        "QUERY q",
                        "HEADER x-trace",
                        "COOKIE sid",
                        "QUERY tags");
        RouteParameter itemId = get.parameters().get(0);
        assertThat(itemId.type()).isEqualTo(long.class);
        assertThat(itemId.required()).isTrue();
        assertThat(get.parameters().get(1).type()).isEqualTo(String.class);
        RouteParameter limit = get.parameters().get(2);
        assertThat(limit.required()).isFalse();
        assertThat(limit.defaultValue()).isEqualTo("10");
        assertThat(limit.annotation(Min.class).value()).isEqualTo(1);
        assertThat(get.parameters().get(3).required()).isFalse();
        assertThat(get.parameters().get(4).required()).isTrue();
        assertThat(get.parameters().get(5).required()).isFalse();
        assertThat(get.parameters().get(6).required()).isFalse();
    }

    @Test
    void bodiesAreDescribedWithTheirKind() {
        App app = app();
        RouteParameter json = route(app, "/items").parameters().get(0);
        assertThat(json.source()).isEqualTo(Source.BODY);
        assertThat(json.name()).isEqualTo("data");
        assertThat(json.type()).isEqualTo(Item.class);
        assertThat(json.required()).isTrue();
        assertThat(json.form()).isFalse();
        assertThat(route(app, "/form").parameters().get(0).form()).isTrue();
        RouteParameter raw = route(app, "/raw").parameters().get(0);
        assertThat(raw.name()).isEqualTo("body");
        assertThat(raw.source()).isEqualTo(Source.BODY);
    }

    @Test
    void returnTypeStatusGuardsAndMethod() throws Exception {
        App app = app();
        HandlerInfo get = route(app, "/items/{item_id:int}/{rest:path}");
        assertThat(get.returnType()).isEqualTo(Item.class);
        assertThat(get.defaultStatus()).isEqualTo(200);
        assertThat(get.guarded()).isTrue();
        assertThat(get.handlerMethod().orElseThrow().getExceptionTypes()).containsExactly(NotFoundException.class);
        assertThat(route(app, "/items").defaultStatus()).isEqualTo(201);
        assertThat(route(app, "/raw").returnType()).isEqualTo(void.class);
        HandlerInfo plain = route(app, "/plain");
        assertThat(plain.guarded()).isFalse();
        assertThat(plain.parameters()).isEmpty();
        // a lambda has no method worth reading annotations from
        assertThat(plain.handlerMethod()).isEmpty();
    }
}

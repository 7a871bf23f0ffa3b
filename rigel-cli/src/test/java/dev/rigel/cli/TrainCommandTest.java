package dev.rigel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.Router;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code train}: the AOT cache's training run serves requests to the app itself, then returns 0. */
class TrainCommandTest {

    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private App app() {
        return App.builder()
                .routeHandlers(
                        Route.get("/", () -> count("/")),
                        Router.builder("/api")
                                .routeHandlers(
                                        Route.get("/items/{item_id:int}", (Integer itemId) -> count("item " + itemId)),
                                        Route.post("/items", () -> count("post")))
                                .build(),
                        Route.get("/private", (dev.rigel.http.Request request) -> {
                            authorizations.add(String.valueOf(request.headers().get("authorization")));
                            return count("/private");
                        }))
                .build();
    }

    private String count(String key) {
        hits.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        return key;
    }

    private int train(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "train";
        all[1] = "--port";
        all[2] = "0";
        System.arraycopy(args, 0, all, 3, args.length);
        return RigelCli.of(this::app)
                .name("train-test")
                .environment(Map.of())
                .output(new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(all);
    }

    @Test
    void getsEveryDocumentedGetRouteWithItsPathParametersSetToOneAndReturnsZero() {
        assertThat(train("--rounds", "3")).isZero();
        // the OpenAPI plugin's routes (rigel-openapi is on this module's path) are left out
        assertThat(hits).containsOnlyKeys("/", "item 1", "/private");
        assertThat(hits.values()).allSatisfy(count -> assertThat(count).hasValue(3));
        assertThat(out.toString()).contains("trained on 9 requests to 3 paths");
        // the test JVM records no AOT cache, and the command says how to make it record one
        assertThat(err.toString()).contains("-XX:AOTCacheOutput=app.aot");
    }

    @Test
    void getsTheGivenPathsWithTheGivenHeaders() {
        assertThat(train("--rounds", "2", "--path", "/private", "-H", "Authorization: Bearer t0ken"))
                .isZero();
        assertThat(hits).containsOnlyKeys("/private");
        assertThat(authorizations).containsExactly("Bearer t0ken", "Bearer t0ken");
    }

    @Test
    void aHeaderWithoutANameFailsTheRun() {
        assertThat(train("--rounds", "1", "-H", "no colon")).isEqualTo(1);
        assertThat(err.toString()).contains("a header is 'Name: value'");
    }
}

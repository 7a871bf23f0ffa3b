package dev.rigel.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTrieTest {

    private final RouteTrie<String> trie = new RouteTrie<>();

    private void add(String... templates) {
        for (String template : templates) {
            trie.endpoint(PathTemplate.parse(template), PathTemplate::template);
        }
    }

    private String endpointFor(String path) {
        RouteMatch<String> match = trie.match(path);
        return match == null ? null : match.endpoint();
    }

    private List<Object> valuesFor(String path, int count) {
        RouteMatch<String> match = trie.match(path);
        assertThat(match).as("match for %s", path).isNotNull();
        return Arrays.asList(match.values()).subList(0, count);
    }

    @Test
    void matchesStaticPathsIgnoringTrailingSlashes() {
        add("/", "/health", "/api/v1/users");

        assertThat(endpointFor("/")).isEqualTo("/");
        assertThat(endpointFor("/health")).isEqualTo("/health");
        assertThat(endpointFor("/health/")).isEqualTo("/health");
        assertThat(endpointFor("/health//")).isEqualTo("/health");
        assertThat(endpointFor("/api/v1/users")).isEqualTo("/api/v1/users");
        assertThat(endpointFor("/api/v1")).isNull();
        assertThat(endpointFor("/healthz")).isNull();
        assertThat(endpointFor("/HEALTH")).isNull();
    }

    @Test
    void convertsParametersInTemplateOrder() {
        add("/users/{user_id:int}/orders/{order_id:uuid}");

        List<Object> values = valuesFor("/users/42/orders/0f8fad5b-d9cb-469f-a165-70867728950e", 2);

        assertThat(values.get(0)).isEqualTo(42);
        assertThat(values.get(1)).hasToString("0f8fad5b-d9cb-469f-a165-70867728950e");
        assertThat(values.get(1)).isInstanceOf(java.util.UUID.class);
    }

    @Test
    void aValueThatDoesNotConvertDoesNotMatch() {
        add("/users/{user_id:int}");

        assertThat(endpointFor("/users/abc")).isNull();
        assertThat(endpointFor("/users/1.5")).isNull();
        assertThat(endpointFor("/users/7")).isEqualTo("/users/{user_id:int}");
    }

    @Test
    void aStaticSegmentBeatsAParameter() {
        add("/users/{id}", "/users/me");

        assertThat(endpointFor("/users/me")).isEqualTo("/users/me");
        assertThat(endpointFor("/users/you")).isEqualTo("/users/{id}");
        assertThat(valuesFor("/users/you", 1)).containsExactly("you");
    }

    @Test
    void aStaticSegmentBeatsAParameterWhicheverIsRegisteredFirst() {
        add("/users/me", "/users/{id}");

        assertThat(endpointFor("/users/me")).isEqualTo("/users/me");
        assertThat(endpointFor("/users/you")).isEqualTo("/users/{id}");
    }

    @Test
    void backtracksFromAStaticSegmentToAParameter() {
        add("/users/me/settings", "/users/{id}/x");

        assertThat(endpointFor("/users/me/settings")).isEqualTo("/users/me/settings");
        assertThat(endpointFor("/users/me/x")).isEqualTo("/users/{id}/x");
        assertThat(valuesFor("/users/me/x", 1)).containsExactly("me");
        assertThat(endpointFor("/users/me")).isNull();
    }

    @Test
    void backtracksToAPathParameter() {
        add("/static/index", "/static/{file:path}");

        assertThat(endpointFor("/static/index")).isEqualTo("/static/index");
        assertThat(endpointFor("/static/index/more")).isEqualTo("/static/{file:path}");
        assertThat(valuesFor("/static/index/more", 1)).containsExactly("/index/more");
    }

    @Test
    void aPathParameterTakesTheRestOfThePathWithALeadingSlash() {
        add("/files/{file:path}");

        assertThat(valuesFor("/files/a/b/c.txt", 1)).containsExactly("/a/b/c.txt");
        assertThat(valuesFor("/files/readme", 1)).containsExactly("/readme");
        assertThat(valuesFor("/files/a%20b/c", 1)).containsExactly("/a b/c");
        assertThat(valuesFor("/files", 1)).containsExactly("/");
        assertThat(valuesFor("/files/", 1)).containsExactly("/");
        assertThat(endpointFor("/other/x")).isNull();
    }

    @Test
    void aPathParameterAfterTypedParameters() {
        add("/repos/{owner}/{id:int}/tree/{rest:path}");

        assertThat(valuesFor("/repos/ada/7/tree/src/Main.java", 3)).containsExactly("ada", 7, "/src/Main.java");
        assertThat(endpointFor("/repos/ada/x/tree/src")).isNull();
    }

    @Test
    void decodesPercentEncodedSegments() {
        add("/hello world", "/users/{name}");

        assertThat(endpointFor("/hello%20world")).isEqualTo("/hello world");
        assertThat(valuesFor("/users/J%C3%BCrgen", 1)).containsExactly("Jürgen");
        // an encoded slash stays inside its segment
        assertThat(valuesFor("/users/a%2Fb", 1)).containsExactly("a/b");
    }

    @Test
    void staticSegmentsMatchInPlaceOrByHashEscapedOrNot() {
        // a few static children are compared in place, many are looked up by hash: both ways agree
        for (int i = 0; i < 12; i++) {
            add("/few/s" + (i % 3) + "/{id:int}", "/many/s" + i + "/{id:int}");
        }
        add("/few/{name}/{id:int}", "/many/{name}/{id:int}");
        for (String parent : List.of("/few/", "/many/")) {
            assertThat(endpointFor(parent + "s2/7")).isEqualTo(parent + "s2/{id:int}");
            assertThat(valuesFor(parent + "s2/7", 1)).containsExactly(7);
            // an escaped segment is decoded before it is compared
            assertThat(endpointFor(parent + "s%32/7")).isEqualTo(parent + "s2/{id:int}");
            // a prefix or an extension of a static name is no match: the parameter takes it
            assertThat(endpointFor(parent + "s/7")).isEqualTo(parent + "{name}/{id:int}");
            assertThat(valuesFor(parent + "s22x/7", 2)).containsExactly("s22x", 7);
        }
        assertThat(endpointFor("/many/s11/7")).isEqualTo("/many/s11/{id:int}");
        assertThat(endpointFor("/few/s11/7")).isEqualTo("/few/{name}/{id:int}");
    }

    @Test
    void sameTemplateGivesTheSameEndpointAndCallsTheFactoryOnce() {
        List<String> created = new ArrayList<>();
        String first = trie.endpoint(PathTemplate.parse("/a/{id:int}"), t -> {
            created.add(t.template());
            return "endpoint";
        });
        String second = trie.endpoint(PathTemplate.parse("/a/{id:int}/"), t -> {
            created.add(t.template());
            return "other";
        });

        assertThat(first).isSameAs(second);
        assertThat(created).containsExactly("/a/{id:int}");
    }

    @Test
    void differentlyNamedParametersAtOnePositionConflict() {
        add("/users/{id:int}");

        assertThatThrownBy(() -> add("/users/{user_id:int}/orders"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/users/{user_id:int}/orders")
                .hasMessageContaining("{user_id:int}")
                .hasMessageContaining("'/users/{id:int}'")
                .hasMessageContaining("{id:int}");
    }

    @Test
    void differentlyTypedParametersAtOnePositionConflict() {
        add("/items/{id:int}");

        assertThatThrownBy(() -> add("/items/{id:uuid}/parts"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("{id:uuid}")
                .hasMessageContaining("{id:int}");
    }

    @Test
    void differentlyNamedPathParametersConflict() {
        add("/files/{file:path}");

        assertThatThrownBy(() -> add("/files/{rest:path}"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/files/{rest:path}")
                .hasMessageContaining("/files/{file:path}");
    }

    @Test
    void sameParameterAtOnePositionIsShared() {
        add("/users/{id:int}", "/users/{id:int}/orders", "/users/{id:int}/orders/{order:int}");

        assertThat(endpointFor("/users/1")).isEqualTo("/users/{id:int}");
        assertThat(endpointFor("/users/1/orders")).isEqualTo("/users/{id:int}/orders");
        assertThat(valuesFor("/users/1/orders/9", 2)).containsExactly(1, 9);
    }

    @Test
    void noRoutesMeansNoMatch() {
        assertThat(trie.match("/")).isNull();
        assertThat(trie.match("/anything")).isNull();
        assertThat(trie.match("/any%20thing")).isNull();
    }
}

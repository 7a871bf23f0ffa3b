package dev.rigel.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rigel.exceptions.ClientErrors;
import dev.rigel.protocol.PathDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Any request path, raw or decoded, either matches a route (with parameters of the declared
 * types) or matches none (404): percent-decoding and the typed segments never throw.
 */
class RouteTrieFuzzTest {

    private static final String[] TEMPLATES = {
        "/",
        "/users",
        "/users/me",
        "/users/{id:int}",
        "/users/{id:int}/orders/{order:long}",
        "/prices/{p:float}",
        "/amounts/{a:decimal}",
        "/things/{u:uuid}",
        "/days/{d:date}",
        "/events/{at:datetime}",
        "/alarms/{t:time}",
        "/waits/{w:duration}",
        "/names/{name}",
        "/files/{rest:path}",
        "/names/{name}/files/{rest:path}",
        "/{any}/x"
    };

    private static final RouteTrie<String> TRIE = new RouteTrie<>();

    static {
        for (String template : TEMPLATES) {
            TRIE.endpoint(PathTemplate.parse(template), PathTemplate::template);
        }
    }

    @FuzzTest
    void matchesOrMissesAnyPath(byte[] data) {
        String raw = new String(data, StandardCharsets.UTF_8);
        ClientErrors.within(ClientErrors.TIME_LIMIT, () -> {
            String decoded = PathDecoder.decode(raw);
            assertThat(decoded).isNotNull();
            for (String path : new String[] {raw, "/" + raw, decoded}) {
                RouteMatch<String> match = TRIE.match(path);
                if (match != null) {
                    assertThat(TEMPLATES).contains(match.endpoint());
                }
            }
        });
    }
}

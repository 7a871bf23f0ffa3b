package dev.rigel.benchmarks.jmh;

import dev.rigel.internal.routing.PathTemplate;
import dev.rigel.internal.routing.RouteMatch;
import dev.rigel.internal.routing.RouteTrie;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Route lookup in Rigel's {@link RouteTrie} holding a realistic 200-route table: 20 REST
 * resources under {@code /api/v1} with nested resources, actions and typed parameters, plus a
 * handful of top-level and catch-all routes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoutingBenchmark {

    static final String[] RESOURCES = {
        "users",
        "orders",
        "products",
        "invoices",
        "customers",
        "carts",
        "payments",
        "shipments",
        "reviews",
        "categories",
        "suppliers",
        "warehouses",
        "coupons",
        "refunds",
        "tickets",
        "messages",
        "teams",
        "projects",
        "tasks",
        "reports"
    };

    RouteTrie<String> trie;

    /** The route templates: 20 resources x 10 templates = 200. */
    static List<String> templates() {
        List<String> all = new ArrayList<>();
        for (String r : RESOURCES) {
            String one = r.substring(0, r.length() - 1);
            all.add("/api/v1/" + r);
            all.add("/api/v1/" + r + "/{" + one + "_id:int}");
            all.add("/api/v1/" + r + "/search");
            all.add("/api/v1/" + r + "/export");
            all.add("/api/v1/" + r + "/{" + one + "_id:int}/history");
            all.add("/api/v1/" + r + "/{" + one + "_id:int}/notes");
            all.add("/api/v1/" + r + "/{" + one + "_id:int}/notes/{note_id:int}");
            all.add("/api/v1/" + r + "/{" + one + "_id:int}/attachments/{name:str}");
            all.add("/api/v1/" + r + "/by-key/{key:uuid}");
            all.add("/admin/" + r + "/{" + one + "_id:int}/audit");
        }
        return all;
    }

    @Setup
    public void setup() {
        trie = new RouteTrie<>();
        for (String t : templates()) {
            trie.endpoint(PathTemplate.parse(t), PathTemplate::template);
        }
        if (trie.match("/api/v1/tasks/42/notes/7") == null || trie.match("/api/v1/reports/search") == null) {
            throw new IllegalStateException("route table does not match its own paths");
        }
    }

    @Benchmark
    public RouteMatch<String> staticPath() {
        return trie.match("/api/v1/reports/search");
    }

    @Benchmark
    public RouteMatch<String> oneIntParam() {
        return trie.match("/api/v1/users/12345");
    }

    @Benchmark
    public RouteMatch<String> twoIntParams() {
        return trie.match("/api/v1/tasks/42/notes/7");
    }

    @Benchmark
    public RouteMatch<String> uuidParam() {
        return trie.match("/api/v1/orders/by-key/3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    }

    @Benchmark
    public RouteMatch<String> miss() {
        return trie.match("/api/v1/users/12345/unknown");
    }
}

package dev.rigel.cache;

import static dev.rigel.testing.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Post;
import dev.rigel.di.Provide;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.exceptions.PermissionDeniedException;
import dev.rigel.http.Request;
import dev.rigel.http.Response;
import dev.rigel.response.Stream;
import dev.rigel.stores.MemoryStore;
import dev.rigel.stores.Store;
import dev.rigel.stores.StoreRegistry;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Handlers with a {@code cache} option are answered from the response cache until it expires. */
class ResponseCacheTest {

    /** Counts the runs of each handler, so a test can tell a hit (no run) from a miss. */
    public static final class Handlers {
        final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

        int run(String name) {
            return runs.computeIfAbsent(name, key -> new AtomicInteger()).incrementAndGet();
        }

        int runs(String name) {
            AtomicInteger count = runs.get(name);
            return count == null ? 0 : count.get();
        }

        @Get(value = "/items", cache = 60)
        public Response<Map<String, Object>> items(Request request) {
            int run = run("items");
            return Response.of(Map.<String, Object>of(
                            "run", run, "query", request.query().asMap()))
                    .header("x-run", Integer.toString(run))
                    .cookie("seen", "yes")
                    .status(203);
        }

        @Get(value = "/default", cache = Cache.DEFAULT)
        public String byDefault() {
            return "run " + run("default");
        }

        @Get(value = "/forever", cache = Cache.FOREVER)
        public String forever() {
            return "run " + run("forever");
        }

        @Get(value = "/short", cache = 1)
        public String shortLived() {
            return "run " + run("short");
        }

        @Get("/uncached")
        public String uncached() {
            return "run " + run("uncached");
        }

        @Post(value = "/posted", cache = 60)
        public String posted() {
            return "run " + run("posted");
        }

        @Get(value = "/missing", cache = 60)
        public Response<String> missing() {
            return Response.of("run " + run("missing")).status(404);
        }

        @Get(value = "/stream", cache = 60)
        public Stream stream() {
            return Stream.of(List.of("run ", Integer.toString(run("stream"))));
        }

        @Get(value = "/tagged", cache = 60)
        public Response<String> tagged() {
            return Response.of("run " + run("tagged")).etag("v1");
        }
    }

    static App app(Handlers handlers) {
        return App.builder().routeHandlers(handlers).build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHitReplaysStatusHeadersAndBodyWithoutRunningTheHandler(Transport transport) {
        Handlers handlers = new Handlers();
        try (TestClient client = Clients.open(app(handlers), transport)) {
            TestResponse first = client.get("/items?a=1");
            TestResponse second = client.get("/items?a=1");

            assertThat(handlers.runs("items")).isEqualTo(1);
            assertThat(second.status()).isEqualTo(203);
            assertThat(second.text()).isEqualTo(first.text()).contains("\"run\":1");
            assertThat(second.header("x-run")).isEqualTo("1");
            assertThat(second.header("content-type")).isEqualTo("application/json");
            assertThat(second.header("set-cookie")).startsWith("seen=yes");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void theKeyIsMethodPathAndTheQuerySortedByName(Transport transport) {
        Handlers handlers = new Handlers();
        try (TestClient client = Clients.open(app(handlers), transport)) {
            client.get("/items?a=1&b=2");
            client.get("/items?b=2&a=1");
            assertThat(handlers.runs("items")).isEqualTo(1);

            client.get("/items?a=2&b=2");
            assertThat(handlers.runs("items")).isEqualTo(2);
            client.get("/items");
            assertThat(handlers.runs("items")).isEqualTo(3);

            // the values of one name keep their order: a handler may depend on it
            client.get("/items?t=1&t=2");
            client.get("/items?t=2&t=1");
            assertThat(handlers.runs("items")).isEqualTo(5);
            client.get("/items?t=1&t=2");
            assertThat(handlers.runs("items")).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anEntryExpires(Transport transport) throws Exception {
        Handlers handlers = new Handlers();
        try (TestClient client = Clients.open(app(handlers), transport)) {
            assertThat(client.get("/short").text()).isEqualTo("run 1");
            assertThat(client.get("/short").text()).isEqualTo("run 1");
            Thread.sleep(1100);
            assertThat(client.get("/short").text()).isEqualTo("run 2");
        }
    }

    @Test
    void cacheDefaultUsesTheConfiguredExpiryAndForeverNone() throws Exception {
        Handlers handlers = new Handlers();
        App app = App.builder()
                .routeHandlers(handlers)
                .responseCache(ResponseCacheConfig.builder()
                        .defaultExpiration(Duration.ofMillis(300))
                        .build())
                .build();
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/default").text()).isEqualTo("run 1");
            assertThat(client.get("/default").text()).isEqualTo("run 1");
            // hits never push the expiry out
            eventually(() -> assertThat(client.get("/default").text()).isEqualTo("run 2"));

            client.get("/forever");
            client.get("/items");
            Store store = app.stores().get(ResponseCacheConfig.DEFAULT_STORE);
            assertThat(store.exists("GET /forever")).isTrue();
            assertThat(store.expiresIn("GET /forever")).isEmpty();
            assertThat(store.expiresIn("GET /items"))
                    .hasValueSatisfying(
                            left -> assertThat(left).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60)));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void onlySuccessfulGetAndHeadAnswersAreStoredAndNeverStreams(Transport transport) {
        Handlers handlers = new Handlers();
        try (TestClient client = Clients.open(app(handlers), transport)) {
            client.post("/posted", null);
            client.post("/posted", null);
            assertThat(handlers.runs("posted")).isEqualTo(2);
            client.get("/missing");
            assertThat(client.get("/missing").status()).isEqualTo(404);
            assertThat(handlers.runs("missing")).isEqualTo(2);
            assertThat(client.get("/stream").text()).isEqualTo("run 1");
            assertThat(client.get("/stream").text()).isEqualTo("run 2");
            client.get("/uncached");
            client.get("/uncached");
            assertThat(handlers.runs("uncached")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void headIsAnsweredFromTheGetEntryAndRevalidationStillGivesA304(Transport transport) {
        Handlers handlers = new Handlers();
        try (TestClient client = Clients.open(app(handlers), transport)) {
            TestResponse get = client.get("/tagged");
            TestResponse head = client.head("/tagged");
            assertThat(handlers.runs("tagged")).isEqualTo(1);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
            assertThat(head.header("content-length")).isEqualTo(get.header("content-length"));

            TestResponse revalidated = client.request("GET", "/tagged")
                    .header("if-none-match", "\"v1\"")
                    .send();
            assertThat(revalidated.status()).isEqualTo(304);
            assertThat(revalidated.header("etag")).isEqualTo("\"v1\"");
            TestResponse stale = client.request("GET", "/tagged")
                    .header("if-match", "\"v0\"")
                    .send();
            assertThat(stale.status()).isEqualTo(412);
            assertThat(handlers.runs("tagged")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void guardsAndAfterResponseRunOnAHitButNotTheHooksDependenciesOrBackgroundTasks(Transport transport) {
        AtomicInteger guards = new AtomicInteger();
        AtomicInteger providers = new AtomicInteger();
        AtomicInteger before = new AtomicInteger();
        AtomicInteger after = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger tasks = new AtomicInteger();
        App app = App.builder()
                .routeHandlers(Route.get(
                                "/report",
                                (String report) ->
                                        Response.of("report " + report).background(tasks::incrementAndGet))
                        .cache(60)
                        .dependency("report", Provide.of(() -> "#" + providers.incrementAndGet())))
                .guards((request, handler) -> {
                    guards.incrementAndGet();
                    if (request.headers().contains("x-deny")) {
                        throw new PermissionDeniedException();
                    }
                })
                .beforeRequest(request -> {
                    before.incrementAndGet();
                    return null;
                })
                .afterRequest(response -> {
                    after.incrementAndGet();
                    return response;
                })
                .afterResponse(request -> sent.incrementAndGet())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/report").text()).isEqualTo("report #1");
            assertThat(client.get("/report").text()).isEqualTo("report #1");
            assertThat(client.request("GET", "/report")
                            .header("x-deny", "1")
                            .send()
                            .status())
                    .isEqualTo(403);
            eventually(() -> {
                assertThat(guards).hasValue(3);
                assertThat(providers).hasValue(1);
                assertThat(before).hasValue(1);
                assertThat(after).hasValue(1);
                assertThat(tasks).hasValue(1);
                assertThat(sent).hasValue(2);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aCustomKeyBuilderAndStoreName(Transport transport) {
        Handlers handlers = new Handlers();
        MemoryStore pages = new MemoryStore();
        App app = App.builder()
                .routeHandlers(handlers)
                .stores(new StoreRegistry().register("pages", pages))
                .responseCache(ResponseCacheConfig.builder()
                        .store("pages")
                        .keyBuilder(request -> "path:" + request.path())
                        .build())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            client.get("/items?a=1");
            client.get("/items?a=2");
            assertThat(handlers.runs("items")).isEqualTo(1);
            assertThat(pages.exists("path:/items")).isTrue();
        }
    }

    @Test
    void aCustomFilterDecidesWhatIsStored() {
        Handlers handlers = new Handlers();
        App app = App.builder()
                .routeHandlers(handlers)
                .responseCache(ResponseCacheConfig.builder()
                        .filter((request, status) -> status < 500)
                        .build())
                .build();
        try (TestClient client = TestClient.of(app)) {
            client.get("/missing");
            client.get("/missing");
            client.post("/posted", null);
            client.post("/posted", null);
            assertThat(handlers.runs("missing")).isEqualTo(1);
            assertThat(handlers.runs("posted")).isEqualTo(1);
        }
    }

    /** A store whose every call fails, like a Redis that is down. */
    static final class BrokenStore implements Store {
        @Override
        public Optional<byte[]> get(String key) {
            throw new IllegalStateException("store down");
        }

        @Override
        public Optional<byte[]> get(String key, Duration renewFor) {
            throw new IllegalStateException("store down");
        }

        @Override
        public void set(String key, byte[] value, Duration expiresIn) {
            throw new IllegalStateException("store down");
        }

        @Override
        public void delete(String key) {
            throw new IllegalStateException("store down");
        }

        @Override
        public void deleteAll() {
            throw new IllegalStateException("store down");
        }

        @Override
        public boolean exists(String key) {
            throw new IllegalStateException("store down");
        }

        @Override
        public Optional<Duration> expiresIn(String key) {
            throw new IllegalStateException("store down");
        }

        @Override
        public Store withNamespace(String namespace) {
            return this;
        }

        @Override
        public long increment(String key, Duration window) {
            throw new IllegalStateException("store down");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aFailingStoreIsAMissNotAnError(Transport transport) {
        Handlers handlers = new Handlers();
        App app = App.builder()
                .routeHandlers(handlers)
                .stores(new StoreRegistry().register(ResponseCacheConfig.DEFAULT_STORE, new BrokenStore()))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/items").status()).isEqualTo(203);
            assertThat(client.get("/items").status()).isEqualTo(203);
            assertThat(handlers.runs("items")).isEqualTo(2);
        }
    }

    @Test
    void aBadCacheValueFailsTheBuild() {
        final class Bad {
            @Get(value = "/bad", cache = -7)
            public String bad() {
                return "bad";
            }
        }
        assertThatThrownBy(() -> App.builder().routeHandlers(new Bad()).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("cache must be a positive number of seconds")
                .hasMessageContaining("/bad");
        assertThatThrownBy(() -> Route.get("/x", () -> "x").cache(-3)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aNonBlockingCachedRouteOnAMemoryStoreStillAnswersFromTheCache(Transport transport) {
        AtomicInteger runs = new AtomicInteger();
        App app = App.builder()
                .routeHandlers(Route.get("/fast", () -> "run " + runs.incrementAndGet())
                        .cache(60)
                        .nonBlocking())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/fast").text()).isEqualTo("run 1");
            assertThat(client.get("/fast").text()).isEqualTo("run 1");
        }
    }

    /** A handler's own key: one entry per tenant header, whatever the query. */
    public static final class ByTenant implements CacheKeyBuilder {
        @Override
        public String key(Request request) {
            return "tenant:" + request.headers().get("x-tenant");
        }
    }

    public static final class TenantHandlers {
        final AtomicInteger runs = new AtomicInteger();

        @Get(value = "/dashboard", cache = 60, cacheKeyBuilder = ByTenant.class)
        public String dashboard(Request request) {
            return request.headers().get("x-tenant") + " run " + runs.incrementAndGet();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHandlersOwnKeyBuilderBeatsTheAppsOne(Transport transport) {
        TenantHandlers tenants = new TenantHandlers();
        Handlers handlers = new Handlers();
        AtomicInteger langRuns = new AtomicInteger();
        App app = App.builder()
                .routeHandlers(
                        tenants,
                        handlers,
                        Route.get(
                                        "/greeting",
                                        (Request request) -> request.headers().get("accept-language") + " run "
                                                + langRuns.incrementAndGet())
                                .cache(60)
                                .cacheKeyBuilder(
                                        request -> "lang:" + request.headers().get("accept-language")))
                .responseCache(ResponseCacheConfig.builder()
                        .keyBuilder(request -> "app:" + request.path())
                        .build())
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.request("GET", "/dashboard?a=1")
                            .header("x-tenant", "acme")
                            .send()
                            .text())
                    .isEqualTo("acme run 1");
            assertThat(client.request("GET", "/dashboard?a=2")
                            .header("x-tenant", "acme")
                            .send()
                            .text())
                    .isEqualTo("acme run 1");
            assertThat(client.request("GET", "/dashboard")
                            .header("x-tenant", "umbrella")
                            .send()
                            .text())
                    .isEqualTo("umbrella run 2");

            assertThat(client.request("GET", "/greeting")
                            .header("accept-language", "fr")
                            .send()
                            .text())
                    .isEqualTo("fr run 1");
            assertThat(client.request("GET", "/greeting?x=1")
                            .header("accept-language", "fr")
                            .send()
                            .text())
                    .isEqualTo("fr run 1");
            assertThat(client.request("GET", "/greeting")
                            .header("accept-language", "de")
                            .send()
                            .text())
                    .isEqualTo("de run 2");

            // routes without their own builder keep the app's
            client.get("/items?a=1");
            client.get("/items?a=2");
            assertThat(handlers.runs("items")).isEqualTo(1);

            Store store = app.stores().get(ResponseCacheConfig.DEFAULT_STORE);
            assertThat(store.exists("tenant:acme")).isTrue();
            assertThat(store.exists("lang:fr")).isTrue();
            assertThat(store.exists("app:/items")).isTrue();
            assertThat(store.exists("app:/dashboard")).isFalse();
        }
    }

    @Test
    void aKeyBuilderOnAnUncachedHandlerFailsTheBuild() {
        final class Uncached {
            @Get(value = "/plain", cacheKeyBuilder = ByTenant.class)
            public String plain() {
                return "plain";
            }
        }
        assertThatThrownBy(() -> App.builder().routeHandlers(new Uncached()).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("/plain")
                .hasMessageContaining("cacheKeyBuilder but no cache option");
        assertThatThrownBy(() -> App.builder()
                        .routeHandlers(Route.get("/lambda", () -> "x").cacheKeyBuilder(request -> "k"))
                        .build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("/lambda");
    }
}

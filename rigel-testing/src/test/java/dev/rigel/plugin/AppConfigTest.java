package dev.rigel.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.InitPlugin;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Get;
import dev.rigel.di.Provide;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.http.Response;
import dev.rigel.middleware.AbstractMiddleware;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.Send;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The builder is the app config: onAppInit hooks and init plugins read and change everything the
 * user configured through the same builder (Litestar's {@code on_app_init(AppConfig)}).
 */
class AppConfigTest {

    /** Counts requests; the kind of middleware a metrics plugin adds. */
    static final class CountingMiddleware extends AbstractMiddleware {
        final AtomicLong requests = new AtomicLong();

        @Override
        protected void handle(Scope scope, Receive receive, Send send, Application next) throws Exception {
            requests.incrementAndGet();
            next.call(scope, receive, send);
        }
    }

    /** Serves the count; the controller a metrics plugin adds. */
    static final class CountController extends Controller {
        private final CountingMiddleware counter;

        CountController(CountingMiddleware counter) {
            super("/metrics");
            this.counter = counter;
        }

        @Get
        public String metrics() {
            return "requests_total " + counter.requests.get();
        }
    }

    /** The seed's MetricsPlugin shape: a middleware, a controller and a startup hook, in a few lines. */
    static final class MetricsPlugin implements InitPlugin {
        final CountingMiddleware counter = new CountingMiddleware();
        final List<String> started = new CopyOnWriteArrayList<>();

        @Override
        public void onAppInit(App.Builder app) {
            app.middleware(counter)
                    .routeHandlers(new CountController(counter))
                    .onStartup(a -> started.add("metrics ready"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMetricsPluginAddsMiddlewareAControllerAndAStartupHookAndKeepsTheUsersOwn(Transport transport) {
        List<String> started = new CopyOnWriteArrayList<>();
        MetricsPlugin metrics = new MetricsPlugin();
        App app = App.builder()
                .onStartup(a -> started.add("user hook"))
                .routeHandlers(Route.get("/hello", () -> "hi"))
                .plugins(metrics)
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            client.get("/hello");
            client.get("/hello");
            assertThat(client.get("/metrics").text()).isEqualTo("requests_total 3");
            assertThat(started).containsExactly("user hook");
            assertThat(metrics.started).containsExactly("metrics ready");
            assertThat(app.plugin(MetricsPlugin.class)).isSameAs(metrics);
        }
    }

    static final class LegacyHeaderMiddleware extends AbstractMiddleware {
        @Override
        protected void handle(Scope scope, Receive receive, Send send, Application next) throws Exception {
            next.call(scope, receive, message -> {
                if (message instanceof Message.ResponseStart start) {
                    start.headers().set("x-legacy", "yes");
                }
                send.send(message);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aPluginCanReadReplaceAndRemoveWhatTheUserConfigured(Transport transport) {
        List<String> order = new CopyOnWriteArrayList<>();
        InitPlugin rewriting = app -> {
            // remove a middleware, replace a dependency and an exception handler, reorder hooks
            app.middleware().removeIf(m -> m instanceof LegacyHeaderMiddleware);
            app.dependencies().put("greeting", Provide.value("Hello from the plugin"));
            app.exceptionHandlers()
                    .replace(
                            NotFoundException.class,
                            (request, e) -> Response.of("plugin 404").status(404));
            app.onStartup().addFirst(a -> order.add("plugin first"));
            app.responseHeaders().remove("X-Removed");
            app.responseHeaders().put("x-added", "1");
            app.state().put("seen_debug", app.debug());
            app.routeHandlers()
                    .removeIf(handler ->
                            handler instanceof Route route && route.path().equals("/gone"));
            app.tags().add("plugged");
        };
        App app = App.builder()
                .debug(false)
                .middleware(new LegacyHeaderMiddleware())
                .dependency("greeting", Provide.value("Hello from the user"))
                .exceptionHandler(
                        NotFoundException.class,
                        (request, e) -> Response.of("user 404").status(404))
                .onStartup(a -> order.add("user"))
                .responseHeader("x-removed", "1")
                .routeHandlers(
                        Route.get("/greet", (String greeting) -> greeting),
                        Route.get("/gone", () -> "still here"),
                        Route.get("/missing", () -> {
                            throw new NotFoundException();
                        }))
                .plugins(rewriting)
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            TestResponse greet = client.get("/greet");
            assertThat(greet.text()).isEqualTo("Hello from the plugin");
            assertThat(greet.header("x-legacy")).isNull();
            assertThat(greet.header("x-removed")).isNull();
            assertThat(greet.header("x-added")).isEqualTo("1");
            assertThat(client.get("/missing").text()).isEqualTo("plugin 404");
            assertThat(client.get("/gone").status()).isEqualTo(404);
            assertThat(order).containsExactly("plugin first", "user");
            assertThat(app.state().get("seen_debug", Boolean.class)).isEqualTo(false);
            assertThat(app.routes())
                    .allSatisfy(route -> assertThat(route.tags()).contains("plugged"));
        }
    }

    @Test
    void onAppInitHooksRunBeforeThePluginsInOrderAndOnceEach() {
        List<String> order = new CopyOnWriteArrayList<>();
        InitPlugin plugin = app -> {
            order.add("plugin sees " + app.state().get("configured_by", String.class));
            app.onAppInit(later -> order.add("hook added by the plugin"));
        };
        App.Builder builder = App.builder()
                .plugins(plugin)
                .onAppInit(app -> {
                    order.add("hook 1");
                    app.state("configured_by", "hook 1");
                })
                .onAppInit(app -> order.add("hook 2"));
        builder.build();
        builder.build();

        assertThat(order).containsExactly("hook 1", "hook 2", "plugin sees hook 1", "hook added by the plugin");
    }

    @Test
    void anOnAppInitHookMayRegisterPlugins() {
        MetricsPlugin metrics = new MetricsPlugin();
        App app = App.builder().onAppInit(builder -> builder.plugins(metrics)).build();
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/metrics").text()).isEqualTo("requests_total 1");
        }
        assertThat(app.plugins().all()).containsExactly(metrics);
    }

    @Test
    void layersOtherThanTheAppExposeTheirSettingsToo() {
        Router.Builder router =
                Router.builder("/r").routeHandlers(Route.get("/x", () -> "x")).responseHeader("x-layer", "router");
        router.responseHeaders().put("X-Layer", "changed");
        router.opt().put("flag", true);
        App app = App.builder().routeHandlers(router.build()).build();
        try (TestClient client = TestClient.of(app)) {
            TestResponse response = client.get("/r/x");
            assertThat(response.headers().getAll("x-layer")).containsExactly("changed");
        }
        assertThat(app.routes().get(0).opt()).containsEntry("flag", true);
        assertThat(router.responseHeaders()).containsOnlyKeys("x-layer");
    }

    @Test
    void nullsPutInThroughTheLiveCollectionsFailTheBuildNamingTheSetting() {
        App.Builder middleware = App.builder().routeHandlers(Route.get("/", () -> "x"));
        middleware.middleware().add(null);
        assertThatThrownBy(middleware::build)
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("app: middleware hold a null entry");

        App.Builder handlers = App.builder();
        handlers.routeHandlers().add(null);
        assertThatThrownBy(handlers::build)
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("route handlers");

        App.Builder deps = App.builder().routeHandlers(Route.get("/", () -> "x"));
        deps.dependencies().put(" ", Provide.value(1));
        assertThatThrownBy(deps::build)
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("non-empty key");
    }

    @Test
    void jsonCustomizersAddUpSoAPluginDoesNotEraseTheUsers() {
        record Pair(String firstName, java.util.List<Integer> values) {}
        App app = App.builder()
                .json(mapper -> mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
                .plugins((InitPlugin)
                        builder -> builder.json(mapper -> mapper.enable(SerializationFeature.INDENT_OUTPUT)))
                .routeHandlers(Route.get("/pair", () -> new Pair("Ada", List.of(1))))
                .build();
        try (TestClient client = TestClient.of(app)) {
            String body = client.get("/pair").text();
            assertThat(body).contains("\"first_name\"").contains("\n");
        }
    }

    @Test
    void appPluginThrowsNamingTheRegisteredOnes() {
        App app = App.builder().plugins(new MetricsPlugin()).build();
        assertThatThrownBy(() -> app.plugin(SerializationPlugin.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("MetricsPlugin");
    }
}

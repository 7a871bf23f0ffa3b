package dev.rigel.di;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Get;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The dependency graph of every route is checked when the app is built: a missing dependency, a
 * cycle, a provider of the wrong type, or an unusable provider fails {@code build()} with a message
 * that names the route, the parameter, and what was searched or found.
 */
class DependencyGraphErrorsTest {

    interface Repository {}

    record Service(Repository repository) {}

    record A(B b) {}

    record B(C c) {}

    record C(A a) {}

    public static class ItemsController extends Controller {
        public ItemsController() {
            super("/items");
        }

        @Get
        public String list(Repository repository) {
            return "items";
        }
    }

    public static class Plain {
        public Plain() {}
    }

    public static class TwoConstructors {
        public TwoConstructors() {}

        public TwoConstructors(String name) {}
    }

    static Service makeService(Repository repository) {
        return new Service(repository);
    }

    static String useService(Service service) {
        return "service";
    }

    static String count(Integer count) {
        return "count " + count;
    }

    static String name(String name) {
        return name;
    }

    static String useRepository(Repository repository) {
        return "repository";
    }

    static A makeA(B b) {
        return new A(b);
    }

    static B makeB(C c) {
        return new B(c);
    }

    static C makeC(A a) {
        return new C(a);
    }

    static A selfish(A a) {
        return a;
    }

    static String useA(A a) {
        return "a";
    }

    static String useThing(TwoConstructors thing) {
        return "thing";
    }

    @Test
    void aMissingDependencyNamesTheRouteTheParameterAndTheLayersSearched() {
        App.Builder builder = App.builder()
                .routeHandlers(Router.builder("/api")
                        .routeHandlers(Router.of("/v1", ItemsController.class))
                        .build());
        assertThatThrownBy(builder::build)
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("GET /api/v1/items")
                .hasMessageContaining("ItemsController.list")
                .hasMessageContaining("'repository'")
                .hasMessageContaining(
                        "handler ItemsController.list, controller ItemsController, router /v1, router /api, app");
    }

    @Test
    void aDependencyMissingForAProviderNamesTheProviderToo() {
        App.Builder builder = App.builder()
                .dependency("service", Provide.of(DependencyGraphErrorsTest::makeService))
                .routeHandlers(Route.get("/service", DependencyGraphErrorsTest::useService));
        assertThatThrownBy(builder::build)
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("GET /service")
                .hasMessageContaining("'repository'")
                .hasMessageContaining("dependency 'service'")
                .hasMessageContaining("Searched: handler GET /service, app");
    }

    @Test
    void aDependencyOnASiblingRoutersLayerDoesNotCount() {
        App.Builder builder = App.builder()
                .routeHandlers(
                        Router.builder("/with")
                                .dependency("repository", Provide.value(new Repository() {}))
                                .routeHandlers(Route.get("/repo", DependencyGraphErrorsTest::useRepository))
                                .build(),
                        Router.builder("/without")
                                .routeHandlers(Route.get("/repo", DependencyGraphErrorsTest::useRepository))
                                .build());
        assertThatThrownBy(builder::build)
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("GET /without/repo")
                .hasMessageContaining("'repository'")
                .hasMessageContaining("router /without, app")
                .hasMessageNotContaining("router /with,");
    }

    @Test
    void aCycleIsReportedWithItsPath() {
        App.Builder builder = App.builder()
                .dependency("a", Provide.of(DependencyGraphErrorsTest::makeA))
                .dependency("b", Provide.of(DependencyGraphErrorsTest::makeB))
                .dependency("c", Provide.of(DependencyGraphErrorsTest::makeC))
                .routeHandlers(Route.get("/cycle", DependencyGraphErrorsTest::useA));
        assertThatThrownBy(builder::build)
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("GET /cycle")
                .hasMessageContaining("a -> b -> c -> a");
    }

    @Test
    void aProviderAskingForItselfIsACycle() {
        App.Builder builder = App.builder()
                .dependency("a", Provide.of(DependencyGraphErrorsTest::selfish))
                .routeHandlers(Route.get("/self", DependencyGraphErrorsTest::useA));
        assertThatThrownBy(builder::build)
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("GET /self")
                .hasMessageContaining("a -> a");
    }

    @Test
    void aProviderWhoseTypeDoesNotFitTheParameterNamesBothTypes() {
        App.Builder values = App.builder()
                .dependency("count", Provide.value("seven"))
                .routeHandlers(Route.get("/count", DependencyGraphErrorsTest::count));
        assertThatThrownBy(values::build)
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("GET /count")
                .hasMessageContaining("'count'")
                .hasMessageContaining("expects Integer")
                .hasMessageContaining("provides String");

        App.Builder lambdas = App.builder()
                .dependency("name", Provide.of(() -> 42))
                .routeHandlers(Route.get("/name", DependencyGraphErrorsTest::name));
        assertThatThrownBy(lambdas::build)
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("GET /name")
                .hasMessageContaining("'name'")
                .hasMessageContaining("expects String")
                .hasMessageContaining("provides Integer");

        App.Builder classes = App.builder()
                .dependency("repository", Provide.of(Plain.class))
                .routeHandlers(Route.get("/repository", DependencyGraphErrorsTest::useRepository));
        assertThatThrownBy(classes::build)
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("GET /repository")
                .hasMessageContaining("'repository'")
                .hasMessageContaining("expects Repository")
                .hasMessageContaining("provides Plain");
    }

    static String label(Integer count) {
        return "#" + count;
    }

    static String labelAndCount(String label, String count) {
        return label + count;
    }

    @Test
    void everyParameterAskingForADependencyIsTypeCheckedNotOnlyTheFirst() {
        // the provider of "label" asks for count as an Integer (fits); the handler then asks for it as a String
        App.Builder builder = App.builder()
                .dependency("count", Provide.value(7))
                .dependency("label", Provide.of(DependencyGraphErrorsTest::label))
                .routeHandlers(Route.get("/label", DependencyGraphErrorsTest::labelAndCount));
        assertThatThrownBy(builder::build)
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("GET /label")
                .hasMessageContaining("'count'")
                .hasMessageContaining("expects String")
                .hasMessageContaining("provides Integer");
    }

    @Test
    void aLambdaCompiledWithoutDebugInformationIsRefusedWithAHint(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("gen/NoDebugInfo.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package gen;
                import dev.rigel.Route;
                import dev.rigel.di.Provide;
                public class NoDebugInfo {
                    public static Route route() {
                        return Route.get("/use", (String shout) -> shout)
                                .dependency("shout", Provide.of((String word) -> word + "!"));
                    }
                }
                """);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String rigelCore = Path.of(Route.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        int status = javac.run(
                null, null, null, "-g:none", "-classpath", rigelCore, "-d", dir.toString(), source.toString());
        assertThat(status).as("javac exit status").isZero();
        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Route route = (Route)
                    loader.loadClass("gen.NoDebugInfo").getMethod("route").invoke(null);
            assertThatThrownBy(() -> App.builder().routeHandlers(route).build())
                    .isInstanceOf(ImproperlyConfiguredException.class)
                    .hasMessageContaining("GET /use")
                    .hasMessageContaining("lambda")
                    .hasMessageContaining("compiled without it; compile with -g")
                    .hasMessageContaining("method reference");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void lambdaProvidersBindTheirParametersByName(Transport transport) {
        App app = App.builder()
                .dependency("word", Provide.value("hey"))
                .dependency("shout", Provide.of((String word, Integer times) -> (word + "!").repeat(times)))
                .routeHandlers(Route.get("/shout", (String shout) -> shout))
                .build();
        try (TestClient client = Clients.open(app, transport)) {
            assertThat(client.get("/shout?times=2").text()).isEqualTo("hey!hey!");
        }
    }

    @Test
    void aClassProviderNeedsExactlyOnePublicConstructor() {
        App.Builder builder = App.builder()
                .dependency("thing", Provide.of(TwoConstructors.class))
                .routeHandlers(Route.get("/thing", DependencyGraphErrorsTest::useThing));
        assertThatThrownBy(builder::build)
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("GET /thing")
                .hasMessageContaining("dependency 'thing'")
                .hasMessageContaining("exactly one public constructor");
    }

    @Test
    void unusedBrokenDependenciesDoNotFailTheApp() {
        // Litestar checks what routes ask for; a provider nobody uses is not resolved
        App app = App.builder()
                .dependency("unused", Provide.of(DependencyGraphErrorsTest::makeService))
                .routeHandlers(Route.get("/ok", () -> "ok"))
                .build();
        assertThat(app.routes()).hasSize(1);
    }
}

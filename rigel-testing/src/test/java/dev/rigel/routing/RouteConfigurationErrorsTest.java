package dev.rigel.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.Route;
import dev.rigel.Router;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Post;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Routing mistakes fail {@code App.builder()...build()} with a message that names what to fix. */
class RouteConfigurationErrorsTest {

    public static class First {
        @Get("/things")
        public String list() {
            return "first";
        }
    }

    public static class Second {
        @Get("/things/")
        public String all() {
            return "second";
        }
    }

    public static class Things extends Controller {
        public Things() {
            super("/things");
        }

        @dev.rigel.annotation.Route(methods = {"GET", "POST"})
        public String getOrPost() {
            return "either";
        }

        @Post
        public String create() {
            return "created";
        }
    }

    public static class ById {
        @Get("/users/{id:int}")
        public String get(int id) {
            return "user";
        }
    }

    public static class OrdersByUserId {
        @Get("/users/{user_id:int}/orders")
        public String orders(int userId) {
            return "orders";
        }
    }

    public static class UuidUsers {
        @Get("/users/{id:uuid}/avatar")
        public String avatar(java.util.UUID id) {
            return "avatar";
        }
    }

    public static class BadTemplate {
        @Get("/files/{name:filename}")
        public String file(String name) {
            return name;
        }
    }

    public static class MixedSegment {
        @Get("/files/{name}.txt")
        public String file(String name) {
            return name;
        }
    }

    public static class PathNotLast {
        @Get("/files/{rest:path}/meta")
        public String file(String rest) {
            return rest;
        }
    }

    public static class NoHandlers extends Controller {
        public NoHandlers() {
            super("/none");
        }

        public String notAnnotated() {
            return "";
        }
    }

    public static class NeedsArguments extends Controller {
        public NeedsArguments(String prefix) {
            super(prefix);
        }

        @Get
        public String get() {
            return "";
        }
    }

    public static class WrongReservedType {
        @Get("/r")
        public String handler(String request) {
            return request;
        }
    }

    public static class UnbindablePathParam {
        @Get("/items/{id:int}")
        public String handler(Thread id) {
            return "";
        }
    }

    private static ImproperlyConfiguredException failure(Object... handlers) {
        try {
            App.builder().routeHandlers(handlers).build();
        } catch (ImproperlyConfiguredException e) {
            return e;
        }
        throw new AssertionError("building the app should have failed");
    }

    @Test
    void twoHandlersForOnePathAndMethodNameBoth() {
        assertThat(failure(First.class, Second.class))
                .hasMessageContaining("Two handlers for GET /things")
                .hasMessageContaining("First.list")
                .hasMessageContaining("Second.all");
    }

    @Test
    void aControllerAndALambdaOnOnePathConflict() {
        assertThat(failure(new First(), Route.get("/things", () -> "lambda").name("thingsLambda")))
                .hasMessageContaining("GET /things")
                .hasMessageContaining("First.list")
                .hasMessageContaining("thingsLambda");
    }

    @Test
    void aMultiMethodRouteConflictsOnTheSharedMethod() {
        assertThat(failure(Things.class))
                .hasMessageContaining("Two handlers for POST /things")
                .hasMessageContaining("Things.getOrPost")
                .hasMessageContaining("Things.create");
    }

    @Test
    void handlersInDifferentRoutersConflictWhenTheirFullPathsMatch() {
        assertThat(failure(Router.of("/api", First.class), Router.of("/api/", Router.of("/", Second.class))))
                .hasMessageContaining("Two handlers for GET /api/things");
    }

    @Test
    void differentlyNamedParametersAtOnePositionNameBothRoutes() {
        assertThat(failure(ById.class, OrdersByUserId.class))
                .hasMessageContaining("/users/{user_id:int}/orders")
                .hasMessageContaining("{user_id:int}")
                .hasMessageContaining("/users/{id:int}")
                .hasMessageContaining("OrdersByUserId.orders");
    }

    @Test
    void differentlyTypedParametersAtOnePositionNameBothRoutes() {
        assertThat(failure(ById.class, UuidUsers.class))
                .hasMessageContaining("{id:uuid}")
                .hasMessageContaining("{id:int}")
                .hasMessageContaining("/users/{id:uuid}/avatar");
    }

    @Test
    void badTemplatesNameTheHandlerAndThePath() {
        assertThat(failure(BadTemplate.class))
                .hasMessageContaining("BadTemplate.file")
                .hasMessageContaining("unknown parameter type 'filename'");
        assertThat(failure(MixedSegment.class))
                .hasMessageContaining("MixedSegment.file")
                .hasMessageContaining("'{name}.txt'");
        assertThat(failure(PathNotLast.class))
                .hasMessageContaining("PathNotLast.file")
                .hasMessageContaining("must be the last segment");
        assertThat(failure(Route.get("/a/{id:int}/b/{id:int}", () -> "x")))
                .hasMessageContaining("uses parameter 'id' twice");
    }

    @Test
    void objectsThatAreNotRouteHandlersAreRejected() {
        assertThat(failure("just a string")).hasMessageContaining("java.lang.String is not a route handler");
        assertThat(failure(String.class)).hasMessageContaining("java.lang.String is not a route handler");
        assertThat(failure(NoHandlers.class)).hasMessageContaining("NoHandlers has no handler methods");
    }

    @Test
    void aControllerClassWithoutANoArgumentConstructorIsRejected() {
        assertThat(failure(NeedsArguments.class))
                .hasMessageContaining("NeedsArguments")
                .hasMessageContaining("no-argument constructor");
    }

    @Test
    void aReservedNameWithTheWrongTypeIsRejected() {
        assertThat(failure(WrongReservedType.class))
                .hasMessageContaining("'request'")
                .hasMessageContaining("declare it as Request");
    }

    @Test
    void aPathParameterOfAnUnbindableTypeIsRejected() {
        assertThat(failure(UnbindablePathParam.class))
                .hasMessageContaining("path parameter 'id' is a int and cannot be bound to Thread");
    }

    @Test
    void aNullHandlerIsRejectedRightAway() {
        assertThatThrownBy(() -> App.builder().routeHandlers((Object) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aClassCompiledWithoutParameterNamesFailsWithAHint(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("gen/NoNames.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package gen;
                public class NoNames {
                    @dev.rigel.annotation.Get("/greet")
                    public String greet(String name) { return "hi " + name; }
                }
                """);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String rigelCore = Path.of(Get.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
        int status = javac.run(null, null, null, "-classpath", rigelCore, "-d", dir.toString(), source.toString());
        assertThat(status).as("javac exit status").isZero();

        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> handlers = loader.loadClass("gen.NoNames");
            assertThat(failure(handlers))
                    .hasMessageContaining("NoNames.greet")
                    .hasMessageContaining("compiled without -parameters")
                    .hasMessageContaining("<parameters>true</parameters>");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aValidAppBuilds() {
        App app = App.builder()
                .routeHandlers(ById.class, First.class, Router.of("/v2", OrdersByUserId.class))
                .build();

        assertThat(app.routes())
                .extracting(route -> route.pathTemplate())
                .containsExactlyInAnyOrderElementsOf(
                        List.of("/users/{id:int}", "/things", "/v2/users/{user_id:int}/orders"));
    }
}

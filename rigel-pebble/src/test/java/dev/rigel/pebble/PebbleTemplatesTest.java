package dev.rigel.pebble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.Route;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Post;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.form.Form;
import dev.rigel.http.Request;
import dev.rigel.http.Response;
import dev.rigel.middleware.csrf.CSRFConfig;
import dev.rigel.response.Template;
import dev.rigel.staticfiles.StaticFiles;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Template responses rendered by Pebble: context, url_for, CSRF, escaping, content types, errors. */
class PebbleTemplatesTest {

    public record User(int id, String name) {}

    public record Submission(String x) {}

    public static class Pages {
        @Get(value = "/users/{user_id:int}", name = "get_user")
        public Template user(int userId) {
            return Template.of("user.html", Map.of("user", new User(userId, "Ada")));
        }

        @Get(value = "/search", name = "search")
        public String search() {
            return "results";
        }

        @Get("/form")
        public Template form() {
            return Template.of("form.html");
        }

        @Post(value = "/submit", name = "submit")
        public String submit(@Form Submission data) {
            return "got " + data.x();
        }

        @Get("/escape")
        public Template escape() {
            return Template.of("escape.html")
                    .with("comment", "<script>alert('x')</script>")
                    .with("trusted", "<b>bold</b>");
        }

        @Get("/plain")
        public Template plain() {
            return Template.of("plain.txt", Map.of("name", "Bo"));
        }

        @Get("/wrapped")
        public Response<Template> wrapped() {
            return Response.of(Template.of("plain.txt", Map.of("name", "Cy")))
                    .status(202)
                    .header("x-extra", "1")
                    .etag("v1");
        }

        @Get("/typed")
        public Template typed() {
            return Template.of("plain.txt", Map.of("name", "Di")).mediaType("text/x-custom");
        }

        @Get("/missing")
        public Template missing() {
            return Template.of("no-such-template.html");
        }

        @Get("/broken")
        public Template broken() {
            return Template.of("broken-url.html");
        }
    }

    private static App app() {
        return App.builder()
                .plugins(PebbleTemplates.classpath("templates"))
                .routeHandlers(
                        new Pages(),
                        StaticFiles.builder("/static").classpath("static-site").build())
                .exceptionHandler(
                        404,
                        (request, exception) ->
                                Response.of(Template.of("notfound.html")).status(404))
                .csrf(CSRFConfig.of("a-secret-of-at-least-32-characters-long!!"))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void rendersHtmlWithContextRequestAndUrlFor(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse response = client.get("/users/7");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("content-type")).isEqualTo("text/html; charset=utf-8");
            assertThat(response.text())
                    .contains("<h1>Ada</h1>")
                    .contains("<a id=\"self\" href=\"/users/7\">")
                    .contains("href=\"/search?q=a%20b\"")
                    .contains("<link href=\"/static/css/site.css\">")
                    .contains("<p id=\"req\">GET /users/7</p>");
            assertThat(client.get("/static/css/site.css").text()).isEqualTo("body{}\n");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void formsCarryTheCsrfTokenTheMiddlewareAccepts(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse page = client.get("/form");
            String cookie = client.cookies().get("csrftoken");
            assertThat(cookie).isNotBlank();
            Matcher input = Pattern.compile("<input type=\"hidden\" name=\"_csrf_token\" value=\"([0-9a-f]+)\">")
                    .matcher(page.text());
            assertThat(input.find()).isTrue();
            assertThat(input.group(1)).isEqualTo(cookie);
            assertThat(page.text())
                    .contains("<span id=\"token\">" + cookie + "</span>")
                    .contains("action=\"/submit\"");

            TestResponse accepted = client.request("POST", "/submit")
                    .form(Map.of("_csrf_token", input.group(1), "x", "hello"))
                    .send();
            assertThat(accepted.status()).isEqualTo(201);
            assertThat(accepted.text()).isEqualTo("got hello");
            assertThat(client.request("POST", "/submit")
                            .form(Map.of("x", "forged"))
                            .send()
                            .status())
                    .isEqualTo(403);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void htmlIsEscapedUnlessMarkedRaw(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            String html = client.get("/escape").text();
            assertThat(html)
                    .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                    .doesNotContain("<script>")
                    .contains("<div><b>bold</b></div>");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void contentTypeFollowsTheExtensionOrTheResponse(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse plain = client.get("/plain");
            assertThat(plain.header("content-type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(plain.text()).isEqualTo("Hello Bo!\n");
            TestResponse wrapped = client.get("/wrapped");
            assertThat(wrapped.status()).isEqualTo(202);
            assertThat(wrapped.header("x-extra")).isEqualTo("1");
            assertThat(wrapped.text()).isEqualTo("Hello Cy!\n");
            assertThat(client.get("/typed").header("content-type")).isEqualTo("text/x-custom");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void exceptionHandlersMayAnswerWithTemplates(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse missing = client.get("/nowhere/at/all");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.header("content-type")).isEqualTo("text/html; charset=utf-8");
            assertThat(missing.text()).isEqualTo("<h1>Nothing at /nowhere/at/all</h1>\n");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aMissingTemplateOrBadUrlForIsA500(Transport transport) {
        try (TestClient client = Clients.open(app(), transport)) {
            TestResponse missing = client.get("/missing");
            assertThat(missing.status()).isEqualTo(500);
            assertThat(missing.jsonMap()).containsEntry("detail", "Internal Server Error");
            assertThat(client.get("/broken").status()).isEqualTo(500);
        }
    }

    @Test
    void theCauseOfAMissingTemplateIsReported() {
        try (TestClient client = TestClient.of(app())) {
            assertThatThrownBy(() -> client.get("/missing"))
                    .isInstanceOf(dev.rigel.template.TemplateNotFoundException.class)
                    .hasMessageContaining("no-such-template.html");
        }
    }

    @Test
    void templatesFromADirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("hi.html"), "<p>{{ who }}</p>");
        App app = App.builder()
                .plugins(PebbleTemplates.directory(dir))
                .routeHandlers(Route.get("/hi", () -> Template.of("hi.html", Map.of("who", "<you>"))))
                .build();
        try (TestClient client = TestClient.of(app)) {
            assertThat(client.get("/hi").text()).isEqualTo("<p>&lt;you&gt;</p>");
        }
    }

    @Test
    void returningTemplatesWithoutAnEngineFailsTheBuild() {
        assertThatThrownBy(() -> App.builder().routeHandlers(new Pages()).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("no template engine");
    }

    @Test
    void aTemplateReturnedAsObjectWithoutAnEngineIsA500() {
        App app = App.builder()
                .routeHandlers(Route.get("/t", (Request request) -> (Object) Template.of("x.html")))
                .build();
        try (TestClient client = TestClient.of(app).raiseServerExceptions(false)) {
            assertThat(client.get("/t").status()).isEqualTo(500);
        }
    }
}

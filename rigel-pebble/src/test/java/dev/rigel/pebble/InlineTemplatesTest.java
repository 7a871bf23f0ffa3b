package dev.rigel.pebble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Param;
import dev.rigel.http.Response;
import dev.rigel.middleware.csrf.CSRFConfig;
import dev.rigel.response.Template;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.AbstractNodeVisitor;
import io.pebbletemplates.pebble.extension.NodeVisitorFactory;
import io.pebbletemplates.pebble.template.PebbleTemplateImpl;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code Template.fromString}: inline templates rendered by Pebble, compiled once per distinct text. */
class InlineTemplatesTest {

    static final String GREETING =
            "<p>Hello {{ name }}</p><a href=\"{{ url_for('inline') }}\">again</a>{{ csrf_input() }}";

    public static class Pages {
        @Get(value = "/inline", name = "inline")
        public Template inline(@Param(defaultValue = "world") String name) {
            return Template.fromString(GREETING, Map.of("name", name));
        }

        @Get("/extends")
        public Template extendsLayout() {
            return Template.fromString(
                            "{% extends \"layout.html\" %}{% block content %}<i>{{ word }}</i>{% endblock %}")
                    .with("word", "inside");
        }

        @Get("/text")
        public Response<Template> text() {
            return Response.of(Template.fromString("plain {{ n }}").with("n", 1).mediaType("text/plain"))
                    .status(202);
        }

        @Get("/broken")
        public Template broken() {
            return Template.fromString("{% if %}");
        }
    }

    /** Counts how many templates the engines compile (Pebble visits each compiled template once). */
    static final class Compilations extends AbstractExtension {
        final AtomicInteger count = new AtomicInteger();

        @Override
        public List<NodeVisitorFactory> getNodeVisitors() {
            return List.of(template -> {
                count.incrementAndGet();
                return new AbstractNodeVisitor((PebbleTemplateImpl) template);
            });
        }
    }

    private static App app(PebbleTemplates templates) {
        return App.builder()
                .plugins(templates)
                .routeHandlers(new Pages())
                .csrf(CSRFConfig.of("a-secret-of-at-least-32-characters-long!!"))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void inlineTemplatesGetTheContextFunctionsAndEscapingOfNamedOnes(Transport transport) {
        try (TestClient client = Clients.open(app(PebbleTemplates.classpath("templates")), transport)) {
            TestResponse page = client.get("/inline?name=%3Cb%3EAda%3C/b%3E");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.header("content-type")).isEqualTo("text/html; charset=utf-8");
            assertThat(page.text())
                    .startsWith("<p>Hello &lt;b&gt;Ada&lt;/b&gt;</p><a href=\"/inline\">again</a>")
                    .contains("<input type=\"hidden\" name=\"_csrf_token\"");

            assertThat(client.get("/extends").text()).isEqualTo("<html><body><i>inside</i></body></html>\n");

            TestResponse text = client.get("/text");
            assertThat(text.status()).isEqualTo(202);
            assertThat(text.header("content-type")).startsWith("text/plain");
            assertThat(text.text()).isEqualTo("plain 1");

            TestResponse broken = client.get("/broken");
            assertThat(broken.status()).isEqualTo(500);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void urlForInAMountedAppIncludesTheMountPoint(Transport transport) {
        App parent = App.builder()
                .routeHandlers(dev.rigel.Mount.of("/site", app(PebbleTemplates.classpath("templates"))))
                .build();
        try (TestClient client = Clients.open(parent, transport)) {
            assertThat(client.get("/site/inline").text()).contains("<a href=\"/site/inline\">again</a>");
        }
    }

    @Test
    void eachDistinctTextIsCompiledOnceAndTheCacheIsBounded() {
        Compilations compilations = new Compilations();
        PebbleTemplates templates = PebbleTemplates.builder()
                .classpath("templates")
                .inlineCacheSize(2)
                .customize(builder -> builder.extension(compilations))
                .build();
        Map<String, Object> context = new HashMap<>();
        context.put("n", 1);
        for (int i = 0; i < 50; i++) {
            assertThat(templates.renderString("n={{ n }}", context)).isEqualTo("n=1");
        }
        assertThat(compilations.count.get()).isEqualTo(1);

        templates.renderString("a", context);
        templates.renderString("b", context);
        // two newer texts pushed the first out of a cache of two: it is compiled again
        templates.renderString("n={{ n }}", context);
        assertThat(compilations.count.get()).isEqualTo(4);

        assertThatThrownBy(
                        () -> PebbleTemplates.builder().classpath("templates").inlineCacheSize(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withoutCachingEveryRenderCompilesForDevelopment() {
        Compilations compilations = new Compilations();
        PebbleTemplates templates = PebbleTemplates.builder()
                .classpath("templates")
                .cache(false)
                .customize(builder -> builder.extension(compilations))
                .build();
        templates.renderString("x", Map.of());
        templates.renderString("x", Map.of());
        assertThat(compilations.count.get()).isEqualTo(2);
    }
}

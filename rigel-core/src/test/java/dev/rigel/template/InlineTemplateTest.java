package dev.rigel.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.response.Template;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code Template.fromString} as a value, and the engine default that refuses inline sources. */
class InlineTemplateTest {

    @Test
    void anInlineTemplateHoldsItsSourceAndNoName() {
        Template inline = Template.fromString("<p>{{ x }}</p>", Map.of("x", 1)).with("y", 2);
        assertThat(inline.name()).isNull();
        assertThat(inline.source()).isEqualTo("<p>{{ x }}</p>");
        assertThat(inline.context()).containsEntry("x", 1).containsEntry("y", 2);
        assertThat(inline.mediaType("text/plain").source()).isEqualTo(inline.source());
        assertThat(inline.toString()).isEqualTo("Template[inline, 14 chars]");
        assertThat(Template.of("a.html").source()).isNull();
        assertThatThrownBy(() -> Template.fromString(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void anEngineThatCannotCompileStringsSaysSo() {
        TemplateEngine namedOnly = (name, context) -> "rendered " + name;
        assertThat(namedOnly.render("a.html", Map.of())).isEqualTo("rendered a.html");
        assertThatThrownBy(() -> namedOnly.renderString("x", Map.of()))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("cannot render templates given as strings");
    }
}

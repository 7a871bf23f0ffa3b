package dev.rigel.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import dev.rigel.exceptions.ClientException;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.exceptions.UnsupportedMediaTypeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The body-format seam of the JSON codec, with a stand-in format (JSON tokens under another media
 * type): which format a Content-Type picks, what Accept negotiates, and the errors.
 */
class BodyFormatsTest {

    private static JsonCodec withFormat() {
        JsonCodec codec = new JsonCodec(null);
        codec.addFormat("Test", "application/x-test", List.of("application/vnd.test"), new JsonFactory());
        return codec;
    }

    @Test
    void withoutFormatsOnlyJsonIsRead() {
        JsonCodec codec = new JsonCodec(null);
        assertThat(codec.formatOf("application/json")).isNull();
        assertThatThrownBy(() -> codec.formatOf("application/x-test"))
                .isInstanceOf(UnsupportedMediaTypeException.class)
                .hasMessageContaining("Expected a JSON body");
        assertThat(codec.negotiate(List.of("application/x-test"))).isNull();
    }

    @Test
    void theContentTypePicksTheFormatCaseAndParametersIgnored() {
        JsonCodec codec = withFormat();
        assertThat(codec.formatOf("application/json")).isNull();
        assertThat(codec.formatOf("application/problem+json")).isNull();
        assertThat(codec.formatOf("Application/X-Test; v=1").name()).isEqualTo("Test");
        assertThat(codec.formatOf("application/vnd.test").mediaType()).isEqualTo("application/x-test");
        assertThatThrownBy(() -> codec.formatOf("text/plain"))
                .isInstanceOf(UnsupportedMediaTypeException.class)
                .hasMessageContaining("application/x-test")
                .hasMessageContaining("application/vnd.test");
        assertThatThrownBy(() -> codec.formatOf(null)).isInstanceOf(UnsupportedMediaTypeException.class);
        assertThatThrownBy(() -> codec.formatOf("application/json; charset=latin1"))
                .isInstanceOf(UnsupportedMediaTypeException.class)
                .hasMessageContaining("must be UTF-8");
    }

    @Test
    void acceptPicksAFormatOnlyWhenPreferredToJson() {
        JsonCodec codec = withFormat();
        assertThat(codec.negotiate(List.of())).isNull();
        assertThat(codec.negotiate(List.of("*/*"))).isNull();
        assertThat(codec.negotiate(List.of("application/x-test, application/json")))
                .isNull();
        assertThat(codec.negotiate(List.of("text/html"))).isNull();
        assertThat(codec.negotiate(List.of("application/x-test")).name()).isEqualTo("Test");
        assertThat(codec.negotiate(List.of("application/json;q=0.2", "application/vnd.test"))
                        .name())
                .isEqualTo("Test");
    }

    @Test
    void bodiesDecodeByTheirTypeWithErrorsNamingTheFormat() {
        JsonCodec codec = withFormat();
        var reader = codec.reader(Map.class);
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(codec.decodeBody(reader, body, "application/x-test", "POST", "/x"))
                .isEqualTo(Map.of("a", 1));
        assertThatThrownBy(() -> codec.decodeBody(
                        reader, "{\"a\":".getBytes(StandardCharsets.UTF_8), "application/x-test", "POST", "/x"))
                .isInstanceOf(ClientException.class)
                .hasMessageStartingWith("Malformed Test in request body");
        assertThatThrownBy(() -> codec.decodeBody(
                        reader, "{} {}".getBytes(StandardCharsets.UTF_8), "application/x-test", "POST", "/x"))
                .isInstanceOf(ClientException.class)
                .hasMessageContaining("more content follows the Test value");
        assertThatThrownBy(() -> codec.decodeBody(
                        reader, "{\"a\":".getBytes(StandardCharsets.UTF_8), "application/json", "POST", "/x"))
                .hasMessageStartingWith("Malformed JSON in request body at line 1");
    }

    @Test
    void twoFormatsCannotClaimOneMediaType() {
        JsonCodec codec = withFormat();
        assertThatThrownBy(() -> codec.addFormat("Other", "application/vnd.test", List.of(), new JsonFactory()))
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("Two body formats read application/vnd.test");
        assertThatThrownBy(() -> codec.addFormat("Json", "application/json", List.of(), new JsonFactory()))
                .isInstanceOf(ImproperlyConfiguredException.class);
    }
}

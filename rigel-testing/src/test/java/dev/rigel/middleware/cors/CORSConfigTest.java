package dev.rigel.middleware.cors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

/** CORSConfig's defaults, normalisation, validation and origin matching, without an app. */
class CORSConfigTest {

    @Test
    void defaultsAllowEverythingWithoutCredentials() {
        CORSConfig config = CORSConfig.allowAll();
        assertThat(config.allowOrigins()).containsExactly("*");
        assertThat(config.allowMethods()).containsExactly("*");
        assertThat(config.allowHeaders()).containsExactly("*");
        assertThat(config.allowCredentials()).isFalse();
        assertThat(config.exposeHeaders()).isEmpty();
        assertThat(config.maxAge()).isEqualTo(600);
        assertThat(config.allowOriginRegex()).isEmpty();
        assertThat(config.allowsAllOrigins()).isTrue();
        assertThat(config.allowsAllMethods()).isTrue();
        assertThat(config.allowsAllHeaders()).isTrue();
        assertThat(config.isOriginAllowed("https://anything.example")).isTrue();
    }

    @Test
    void normalisesMethodsAndHeaders() {
        CORSConfig config = CORSConfig.builder()
                .allowOrigins("https://a.com")
                .allowMethods("get", "POST", "GET")
                .allowHeaders("X-Api-Key", "x-api-key")
                .exposeHeaders("X-Total")
                .build();
        assertThat(config.allowMethods()).containsExactly("GET", "POST");
        assertThat(config.allowHeaders()).containsExactly("x-api-key");
        assertThat(config.exposeHeaders()).containsExactly("x-total");
        assertThat(config.allowsAllOrigins()).isFalse();
        assertThat(config.allowsAllMethods()).isFalse();
        assertThat(config.allowsAllHeaders()).isFalse();
    }

    @Test
    void exactOriginsMatchCaseInsensitivelyAndOnlyWhole() {
        CORSConfig config = CORSConfig.builder()
                .allowOrigins("https://MyApp.com", "http://localhost:3000")
                .build();
        assertThat(config.isOriginAllowed("https://myapp.com")).isTrue();
        assertThat(config.isOriginAllowed("HTTPS://MYAPP.COM")).isTrue();
        assertThat(config.isOriginAllowed("http://localhost:3000")).isTrue();
        assertThat(config.isOriginAllowed("http://myapp.com")).isFalse();
        assertThat(config.isOriginAllowed("https://myapp.com.evil.com")).isFalse();
        assertThat(config.isOriginAllowed("https://evilmyapp.com")).isFalse();
        assertThat(config.isOriginAllowed("http://localhost:3001")).isFalse();
        assertThat(config.isOriginAllowed("null")).isFalse();
        assertThat(config.isOriginAllowed("")).isFalse();
        assertThat(config.isOriginAllowed(null)).isFalse();
    }

    @Test
    void wildcardOriginsAllowSubdomainsOnly() {
        CORSConfig config =
                CORSConfig.builder().allowOrigins("https://*.example.com").build();
        assertThat(config.isOriginAllowed("https://api.example.com")).isTrue();
        assertThat(config.isOriginAllowed("https://a.b-c.example.com")).isTrue();
        assertThat(config.isOriginAllowed("https://API.Example.com")).isTrue();
        assertThat(config.isOriginAllowed("https://example.com")).isFalse();
        assertThat(config.isOriginAllowed("https://.example.com")).isFalse();
        assertThat(config.isOriginAllowed("http://api.example.com")).isFalse();
        assertThat(config.isOriginAllowed("https://api.example.com:8443")).isFalse();
        assertThat(config.isOriginAllowed("https://evil.com/.example.com")).isFalse();
        assertThat(config.isOriginAllowed("https://evil.com:1@x.example.com")).isFalse();
        assertThat(config.isOriginAllowed("https://apiXexample.com")).isFalse();
    }

    @Test
    void wildcardMayStandForAPort() {
        CORSConfig config =
                CORSConfig.builder().allowOrigins("http://localhost:*").build();
        assertThat(config.isOriginAllowed("http://localhost:5173")).isTrue();
        assertThat(config.isOriginAllowed("http://localhost")).isFalse();
    }

    @Test
    void regexMustMatchTheWholeOrigin() {
        CORSConfig config = CORSConfig.builder()
                .allowOrigins()
                .allowOriginRegex("https://pr-\\d+\\.preview\\.dev")
                .build();
        assertThat(config.isOriginAllowed("https://pr-42.preview.dev")).isTrue();
        assertThat(config.isOriginAllowed("https://pr-42.preview.dev.evil.com")).isFalse();
        assertThat(config.isOriginAllowed("https://pr-x.preview.dev")).isFalse();
    }

    @Test
    void regexAddsToTheListedOrigins() {
        CORSConfig config = CORSConfig.builder()
                .allowOrigins("https://a.com")
                .allowOriginRegex("https://b\\.com")
                .build();
        assertThat(config.isOriginAllowed("https://a.com")).isTrue();
        assertThat(config.isOriginAllowed("https://b.com")).isTrue();
        assertThat(config.isOriginAllowed("https://c.com")).isFalse();
    }

    @Test
    void overLongAndMalformedOriginsAreNeverAllowedEvenWithStar() {
        CORSConfig all = CORSConfig.allowAll();
        String huge = "https://" + "a".repeat(100_000) + ".com";
        assertThat(all.isOriginAllowed(huge)).isFalse();
        assertThat(all.isOriginAllowed("https://a.com\r\nSet-Cookie: x=1")).isFalse();
        assertThat(all.isOriginAllowed("https://a .com")).isFalse();
        assertThat(all.isOriginAllowed("https://a.com,https://b.com")).isFalse();
        assertThat(all.isOriginAllowed("https://ä.com")).isFalse();
        assertThat(all.isOriginAllowed("https://" + "a".repeat(1000) + ".com")).isTrue();
    }

    @Test
    void aCatastrophicRegexNeverSeesAHugeOrigin() {
        // (a+)+$ backtracks exponentially on "aaaa…!"; the length bound keeps it away from such input
        CORSConfig config =
                CORSConfig.builder().allowOrigins().allowOriginRegex("(a+)+$").build();
        String hostile = "a".repeat(100_000) + "!";
        long start = System.nanoTime();
        assertThat(config.isOriginAllowed(hostile)).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
    }

    @Test
    void refusesOriginsThatCanNeverMatch() {
        assertThatThrownBy(() ->
                        CORSConfig.builder().allowOrigins("https://myapp.com/").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trailing slash");
        assertThatThrownBy(() -> CORSConfig.builder().allowOrigins("myapp.com").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scheme://host");
        assertThatThrownBy(() -> CORSConfig.builder()
                        .allowOrigins("https://*.*.example.com")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one '*'");
        assertThatThrownBy(() ->
                        CORSConfig.builder().allowOrigins("*://example.com").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in the host only");
        assertThatThrownBy(() -> CORSConfig.builder().allowOrigins(" ").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> CORSConfig.builder().allowOriginRegex("(").build())
                .isInstanceOf(PatternSyntaxException.class);
    }

    @Test
    void refusesBadMethodsHeadersAndMaxAge() {
        assertThatThrownBy(() -> CORSConfig.builder().allowMethods("GET POST"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'GET POST'");
        assertThatThrownBy(() -> CORSConfig.builder().allowHeaders("x:y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x:y'");
        assertThatThrownBy(() -> CORSConfig.builder().exposeHeaders("*")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CORSConfig.builder().maxAge(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}

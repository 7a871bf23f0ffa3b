package dev.rigel.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Exclusions matched by equality, prefix or a regex behind its prefix must mean exactly what a
 * regex search for any of the patterns means.
 */
class ExcludedPathsTest {

    private static final List<String> PATTERNS = List.of(
            "^/health$",
            "^/health(/|$)",
            "^/api/",
            "^/api/v1/auth/login$",
            "^/a\\.b$",
            "^/ab?c",
            "^/users/\\d+$",
            "^/x|/y",
            "/static/",
            "\\.map$",
            "(?i)^/ADMIN",
            "^/[ab]/q",
            "^$",
            "^",
            "^/caf\u00e9$",
            "^/\uD83D\uDE00?z");

    private static final List<String> PATHS = List.of(
            "",
            "/",
            "/health",
            "/health/",
            "/health/live",
            "/healthz",
            "/health\n",
            "/health\r\n",
            "/health\u2028",
            "/health\n\n",
            "/api",
            "/api/",
            "/api/v1/auth/login",
            "/api/v1/auth/login\n",
            "/api/v1/auth/login/x",
            "/a.b",
            "/axb",
            "/ac",
            "/abc",
            "/abbc",
            "/users/12",
            "/users/x",
            "/x",
            "/q/y",
            "/assets/static/app.js",
            "/app.js.map",
            "/admin/users",
            "/Admin",
            "/a/q",
            "/c/q",
            "/caf\u00e9",
            "/z",
            "/\uD83D\uDE00z");

    @Test
    void everyPatternMatchesExactlyWhereItsRegexIsFound() {
        for (String pattern : PATTERNS) {
            ExcludedPaths excluded = ExcludedPaths.of(List.of(pattern));
            Pattern regex = Pattern.compile(pattern);
            for (String path : PATHS) {
                assertThat(excluded.matches(path))
                        .as("%s against %s", pattern, path.replace("\n", "\\n"))
                        .isEqualTo(regex.matcher(path).find());
            }
        }
    }

    @Test
    void severalPatternsMatchWhereAnyOfThemIsFound() {
        ExcludedPaths excluded = ExcludedPaths.of(List.of("^/metrics$", "^/api/", "\\.map$"));
        assertThat(excluded.matches("/metrics")).isTrue();
        assertThat(excluded.matches("/api/users")).isTrue();
        assertThat(excluded.matches("/js/app.map")).isTrue();
        assertThat(excluded.matches("/metricsx")).isFalse();
        assertThat(excluded.matches("/ap")).isFalse();
        assertThat(ExcludedPaths.of(List.of())).isNull();
    }

    @Test
    void theLiteralPrefixIsWhatAnAnchoredPatternRequires() {
        assertThat(ExcludedPaths.anchoredLiteralPrefix("^/health$")).isEqualTo("/health");
        assertThat(ExcludedPaths.anchoredLiteralPrefix("^/health(/|$)")).isEqualTo("/health");
        assertThat(ExcludedPaths.anchoredLiteralPrefix("^/ab?c")).isEqualTo("/a");
        assertThat(ExcludedPaths.anchoredLiteralPrefix("^/a\\.b")).isEqualTo("/a");
        // not anchored, a top-level alternative, an inline flag: no prefix to rely on
        assertThat(ExcludedPaths.anchoredLiteralPrefix("/static/")).isNull();
        assertThat(ExcludedPaths.anchoredLiteralPrefix("^/x|/y")).isNull();
        assertThat(ExcludedPaths.anchoredLiteralPrefix("(?i)^/ADMIN")).isNull();
        assertThat(ExcludedPaths.anchoredLiteralPrefix("^/[|]")).isEqualTo("/");
    }
}

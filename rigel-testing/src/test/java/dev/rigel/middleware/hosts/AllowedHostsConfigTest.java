package dev.rigel.middleware.hosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Host header parsing and matching, and configuration mistakes, without an app. */
class AllowedHostsConfigTest {

    @Test
    void defaultsAllowEveryHostAndRedirectToWww() {
        AllowedHostsConfig config = AllowedHostsConfig.builder().build();
        assertThat(config.allowedHosts()).containsExactly("*");
        assertThat(config.wwwRedirect()).isTrue();
        assertThat(config.exclude()).isEmpty();
        assertThat(config.excludeOptKey()).isEmpty();
        assertThat(config.isHostAllowed("anything.example:1234")).isTrue();
    }

    @Test
    void exactHostsMatchWithoutPortAndCase() {
        AllowedHostsConfig config = AllowedHostsConfig.of("example.com", "127.0.0.1", "[::1]");
        assertThat(config.isHostAllowed("example.com")).isTrue();
        assertThat(config.isHostAllowed("Example.COM:8443")).isTrue();
        assertThat(config.isHostAllowed("example.com.")).isTrue();
        assertThat(config.isHostAllowed("127.0.0.1:8080")).isTrue();
        assertThat(config.isHostAllowed("[::1]:8080")).isTrue();
        assertThat(config.isHostAllowed("[::1]")).isTrue();
        assertThat(config.isHostAllowed("api.example.com")).isFalse();
        assertThat(config.isHostAllowed("example.com.evil.com")).isFalse();
        assertThat(config.isHostAllowed("evilexample.com")).isFalse();
        assertThat(config.isHostAllowed("127.0.0.2")).isFalse();
    }

    @Test
    void wildcardsAllowSubdomainsOnly() {
        AllowedHostsConfig config = AllowedHostsConfig.of("*.example.com");
        assertThat(config.isHostAllowed("api.example.com")).isTrue();
        assertThat(config.isHostAllowed("a.b.EXAMPLE.com:80")).isTrue();
        assertThat(config.isHostAllowed("example.com")).isFalse();
        assertThat(config.isHostAllowed("evilexample.com")).isFalse();
        assertThat(config.isHostAllowed("example.com.evil.org")).isFalse();
    }

    @Test
    void malformedHostHeadersAreNeverAllowed() {
        AllowedHostsConfig config = AllowedHostsConfig.of("example.com");
        assertThat(config.isHostAllowed(null)).isFalse();
        assertThat(config.isHostAllowed("")).isFalse();
        assertThat(config.isHostAllowed(":8080")).isFalse();
        assertThat(config.isHostAllowed("example.com:")).isFalse();
        assertThat(config.isHostAllowed("example.com:http")).isFalse();
        assertThat(config.isHostAllowed("example.com:123456")).isFalse();
        assertThat(config.isHostAllowed("example.com:80:80")).isFalse();
        assertThat(config.isHostAllowed("example.com/evil")).isFalse();
        assertThat(config.isHostAllowed("user@example.com")).isFalse();
        assertThat(config.isHostAllowed("example.com\r\nx: y")).isFalse();
        assertThat(config.isHostAllowed("[::1")).isFalse();
        assertThat(config.isHostAllowed("a".repeat(100_000) + ".example.com")).isFalse();
        assertThat(AllowedHostsConfig.builder().build().isHostAllowed("exa mple.com"))
                .isFalse();
    }

    @Test
    void refusesEntriesThatAreNoHosts() {
        assertThatThrownBy(() -> AllowedHostsConfig.of("example.com:8080"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'example.com:8080'");
        assertThatThrownBy(() -> AllowedHostsConfig.of("https://example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without scheme or port");
        assertThatThrownBy(() -> AllowedHostsConfig.of("api.*.example.com"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AllowedHostsConfig.of())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("every request would be refused");
        assertThatThrownBy(() -> AllowedHostsConfig.builder().exclude("("))
                .isInstanceOf(java.util.regex.PatternSyntaxException.class);
    }
}

package dev.rigel.security.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenTest {

    @Test
    void registeredClaimsAreTyped() {
        Instant exp = Instant.parse("2030-01-01T00:00:00Z");
        Token token = Token.builder()
                .subject("42")
                .issuer("iss")
                .id("jti-1")
                .audience("a", "b")
                .expiresAt(exp.plusMillis(999)) // whole seconds only
                .issuedAt(exp.minusSeconds(60))
                .notBefore(exp.minusSeconds(30))
                .build();
        assertThat(token.subject()).contains("42");
        assertThat(token.issuer()).contains("iss");
        assertThat(token.id()).contains("jti-1");
        assertThat(token.audience()).containsExactly("a", "b");
        assertThat(token.expiresAt()).contains(exp);
        assertThat(token.issuedAt()).contains(exp.minusSeconds(60));
        assertThat(token.notBefore()).contains(exp.minusSeconds(30));
        assertThat(token.claims()).containsEntry("exp", exp.getEpochSecond()).containsEntry("aud", List.of("a", "b"));
        assertThat(token.extraClaims()).isEmpty();
        assertThat(Token.builder().audience("only").build().claims()).containsEntry("aud", "only");
    }

    @Test
    void anEmptyTokenHasNothing() {
        Token token = Token.builder().build();
        assertThat(token.subject()).isEmpty();
        assertThat(token.expiresAt()).isEmpty();
        assertThat(token.audience()).isEmpty();
        assertThat(token.scopes()).isEmpty();
        assertThat(token.roles()).isEmpty();
        assertThat(token.claims()).isEmpty();
    }

    @Test
    void registeredClaimsOfTheWrongTypeAreRefused() {
        assertThatThrownBy(() -> Token.fromClaims(Map.of("exp", "soon"))).hasMessageContaining("'exp'");
        assertThatThrownBy(() -> Token.fromClaims(Map.of("exp", 1e30))).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Token.fromClaims(Map.of("nbf", -5))).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Token.fromClaims(Map.of("sub", 42))).hasMessageContaining("'sub'");
        assertThatThrownBy(() -> Token.fromClaims(Map.of("aud", List.of("a", 1))))
                .hasMessageContaining("'aud'");
        assertThatThrownBy(() -> Token.builder().claim("iat", true).build()).hasMessageContaining("'iat'");
        assertThatThrownBy(() -> Token.builder().claim("x", new Object())).hasMessageContaining("JSON cannot carry");
        assertThatThrownBy(() -> Token.builder().claim("x", Double.NaN)).hasMessageContaining("finite");
        assertThatThrownBy(() -> Token.builder().claim("x", Map.of(1, "a"))).hasMessageContaining("keys");
    }

    @Test
    void scopesReadAStringOrAListAndFallBackToScp() {
        assertThat(Token.fromClaims(Map.of("scope", "a b  c a")).scopes()).containsExactly("a", "b", "c");
        assertThat(Token.fromClaims(Map.of("scope", List.of("a", "b"))).scopes())
                .containsExactly("a", "b");
        assertThat(Token.fromClaims(Map.of("scp", "x y")).scopes()).containsExactly("x", "y");
        assertThat(Token.fromClaims(Map.of("scp", List.of("x"))).scopes()).containsExactly("x");
        assertThat(Token.fromClaims(Map.of("scope", "a", "scp", "b")).scopes()).containsExactly("a");
        assertThat(Token.fromClaims(Map.of("scope", 5)).scopes()).isEmpty();
        Token token = Token.builder().scopes("orders:read", "orders:write").build();
        assertThat(token.claims()).containsEntry("scope", "orders:read orders:write");
        assertThat(token.hasScope("orders:read")).isTrue();
        assertThat(token.hasScope("orders")).isFalse();
        assertThat(token.hasScope("ORDERS:READ")).isFalse();
        assertThatThrownBy(() -> Token.builder().scopes("two words")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Token.builder().scopes("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rolesReadAListOrOneString() {
        assertThat(Token.fromClaims(Map.of("roles", List.of("admin", "user"))).roles())
                .containsExactly("admin", "user");
        assertThat(Token.fromClaims(Map.of("roles", "admin")).roles()).containsExactly("admin");
        assertThat(Token.fromClaims(Map.of("roles", "admin user")).roles()).containsExactly("admin user");
        Token token = Token.builder().roles("admin").build();
        assertThat(token.hasRole("admin")).isTrue();
        assertThat(token.hasRole("Admin")).isFalse();
        assertThat(token.claims()).containsEntry("roles", List.of("admin"));
    }

    @Test
    void typedClaimsConvertNumbersExactlyAndAreEmptyOnAMismatch() {
        Token token = Token.builder()
                .claim("n", 7)
                .claim("big", 1L << 40)
                .claim("f", 1.5)
                .claim("whole", 3.0)
                .claim("s", "text")
                .claim("b", true)
                .claim("list", List.of("a"))
                .claim("map", Map.of("k", 1))
                .build();
        assertThat(token.claim("n", Long.class)).contains(7L);
        assertThat(token.claim("n", Integer.class)).contains(7);
        assertThat(token.claim("n", Double.class)).contains(7.0);
        assertThat(token.claim("big", Integer.class)).isEmpty();
        assertThat(token.claim("big", Long.class)).contains(1L << 40);
        assertThat(token.claim("f", Long.class)).isEmpty();
        assertThat(token.claim("whole", Long.class)).contains(3L);
        assertThat(token.claim("s", String.class)).contains("text");
        assertThat(token.claim("s", Long.class)).isEmpty();
        assertThat(token.claim("b", Boolean.class)).contains(true);
        assertThat(token.claim("b", String.class)).isEmpty();
        assertThat(token.claim("list", List.class)).contains(List.of("a"));
        assertThat(token.claim("map", Map.class)).contains(Map.of("k", 1L));
        assertThat(token.claim("absent", String.class)).isEmpty();
        assertThat(token.extraClaims()).containsOnlyKeys("n", "big", "f", "whole", "s", "b", "list", "map");
    }

    @Test
    void aTokenIsDeeplyImmutable() {
        List<Object> list = new ArrayList<>(List.of("a"));
        Map<String, Object> nested = new LinkedHashMap<>(Map.of("k", list));
        Token token =
                Token.builder().claim("nested", nested).claim("list", list).build();
        list.add("b");
        nested.put("k2", "v");
        assertThat(token.claim("list")).contains(List.of("a"));
        assertThat(token.claim("nested")).contains(Map.of("k", List.of("a")));
        assertThatThrownBy(() -> token.claims().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<Object>) token.claim("list").orElseThrow()).add("c"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> token.audience().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toBuilderChangesACopy() {
        Token original = Token.builder().subject("1").claim("k", "v").build();
        Token changed = original.toBuilder().subject("2").claim("k", null).build();
        assertThat(original.subject()).contains("1");
        assertThat(original.claim("k")).contains("v");
        assertThat(changed.subject()).contains("2");
        assertThat(changed.claim("k")).isEmpty();
        assertThat(original)
                .isEqualTo(Token.builder().subject("1").claim("k", "v").build());
        assertThat(original.hashCode())
                .isEqualTo(Token.builder().subject("1").claim("k", "v").build().hashCode());
        assertThat(changed).isNotEqualTo(original);
    }

    @Test
    void toStringShowsNoPrivateClaims() {
        Token token = Token.builder()
                .subject("42")
                .claim("email", "someone@example.com")
                .build();
        assertThat(token.toString()).contains("sub=42").doesNotContain("someone@example.com");
    }
}

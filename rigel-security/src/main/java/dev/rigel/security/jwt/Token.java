package dev.rigel.security.jwt;

import dev.rigel.security.jwt.internal.ClaimValues;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The claims of a JWT (RFC 7519): the registered ones as typed values, every other claim as JSON
 * values (strings, numbers, booleans, lists, maps), with readers for the access-token claims
 * {@code scope} and {@code roles} (RFC 9068). Deeply immutable, so one token can be shared by
 * every request that presents it.
 *
 * <p>A verified token comes from {@link TokenVerifier#verify}; a token to sign is made with
 * {@link #builder()} and signed by a {@link TokenEncoder}:
 *
 * <pre>{@code
 * Token token = Token.builder().subject("42").audience("orders-api").scopes("orders:read").build();
 * String jwt = encoder.encode(token);
 * }</pre>
 *
 * <p>Times are whole seconds, as JWTs carry them (a builder drops the fraction of a second).
 */
public final class Token implements dev.rigel.security.Authorities {

    /** The registered claim names of RFC 7519 §4.1 that this class reads into typed values. */
    static final Set<String> REGISTERED = Set.of("iss", "sub", "aud", "exp", "nbf", "iat", "jti");

    /** The last second of year 9999: a NumericDate past it is taken for garbage, not a date. */
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    private final String subject;
    private final String issuer;
    private final String id;
    private final List<String> audience;
    private final Instant expiresAt;
    private final Instant issuedAt;
    private final Instant notBefore;
    /** Every claim in its JSON form (NumericDates as seconds), in the order given. */
    private final Map<String, Object> claims;

    private final Map<String, Object> extraClaims;

    private Token(Map<String, Object> claims) {
        this.claims = Collections.unmodifiableMap(claims);
        this.subject = stringClaim(claims, "sub");
        this.issuer = stringClaim(claims, "iss");
        this.id = stringClaim(claims, "jti");
        this.audience = audienceClaim(claims.get("aud"));
        this.expiresAt = dateClaim(claims, "exp");
        this.issuedAt = dateClaim(claims, "iat");
        this.notBefore = dateClaim(claims, "nbf");
        Map<String, Object> extra = new LinkedHashMap<>(claims);
        extra.keySet().removeAll(REGISTERED);
        this.extraClaims = Collections.unmodifiableMap(extra);
    }

    /**
     * The token with these claims, as a JWT's payload holds them: NumericDates ({@code exp},
     * {@code iat}, {@code nbf}) as seconds since the epoch, {@code aud} a string or a list of
     * strings. A claim whose value is JSON null is dropped.
     *
     * @throws IllegalArgumentException when a registered claim has the wrong type (a string {@code
     *     exp}, a numeric {@code sub}) or a date out of range, or a value is not JSON
     */
    public static Token fromClaims(Map<String, ?> claims) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, ?> entry : claims.entrySet()) {
            String name = Objects.requireNonNull(entry.getKey(), "claim name");
            if (entry.getValue() != null) {
                copy.put(name, ClaimValues.copy(entry.getValue(), name));
            }
        }
        return new Token(copy);
    }

    /** A builder for a token to sign. */
    public static Builder builder() {
        return new Builder(Map.of());
    }

    /** A builder that starts from this token's claims (to re-issue it changed). */
    public Builder toBuilder() {
        return new Builder(claims);
    }

    /** {@code sub}: whom the token is about, usually a user id. */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /** {@code iss}: who issued the token. */
    public Optional<String> issuer() {
        return Optional.ofNullable(issuer);
    }

    /** {@code jti}: the token's unique id, what revocation is keyed by. */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** {@code aud}: whom the token is meant for; empty when the token names no audience. */
    public List<String> audience() {
        return audience;
    }

    /** {@code exp}: the instant from which the token is no longer accepted. */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** {@code iat}: when the token was issued. */
    public Optional<Instant> issuedAt() {
        return Optional.ofNullable(issuedAt);
    }

    /** {@code nbf}: the instant before which the token is not yet accepted. */
    public Optional<Instant> notBefore() {
        return Optional.ofNullable(notBefore);
    }

    /** Every claim, the registered ones included, in JSON form (dates as epoch seconds). */
    public Map<String, Object> claims() {
        return claims;
    }

    /** The claims other than the registered {@code iss sub aud exp nbf iat jti}. */
    public Map<String, Object> extraClaims() {
        return extraClaims;
    }

    /** The claim {@code name} in JSON form (a registered one too), or empty if the token lacks it. */
    public Optional<Object> claim(String name) {
        return Optional.ofNullable(claims.get(name));
    }

    /**
     * The claim {@code name} as a {@code type}, or empty if the token lacks it or it is of another
     * type (so that a check on a malformed claim fails closed). Numbers convert between {@code
     * Long}, {@code Integer} and {@code Double} when the value fits exactly; JSON arrays are {@code
     * List}s and objects {@code Map}s.
     */
    public <T> Optional<T> claim(String name, Class<T> type) {
        Object value = claims.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number number && Number.class.isAssignableFrom(type) && !type.isInstance(value)) {
            return Optional.ofNullable(convertNumber(number, type)).map(type::cast);
        }
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    /**
     * The scopes granted: the {@code scope} claim, a space-separated string (RFC 8693, RFC 9068) or
     * a list of strings; without it, {@code scp} read the same way (the name some providers use).
     * Duplicates are dropped, order kept; empty when there is neither. (The signature of core's
     * {@code Authorities.scopes()}.)
     */
    @Override
    public Set<String> scopes() {
        Object value = claims.containsKey("scope") ? claims.get("scope") : claims.get("scp");
        return stringsOf(value, true);
    }

    /** Whether {@link #scopes()} holds {@code scope} (exactly, case matters). */
    public boolean hasScope(String scope) {
        return scopes().contains(scope);
    }

    /**
     * The {@code roles} claim (RFC 9068 §7.2.1.1): a list of strings, or one string; duplicates
     * dropped, order kept; empty when absent. (The signature of core's {@code Authorities.roles()}.)
     */
    @Override
    public Set<String> roles() {
        return stringsOf(claims.get("roles"), false);
    }

    /** Whether {@link #roles()} holds {@code role} (exactly, case matters). */
    public boolean hasRole(String role) {
        return roles().contains(role);
    }

    /** Equal when the claims are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Token token && claims.equals(token.claims);
    }

    @Override
    public int hashCode() {
        return claims.hashCode();
    }

    /** The subject, issuer, expiry and id: never the other claims, which may hold personal data. */
    @Override
    public String toString() {
        return "Token[sub=" + subject + ", iss=" + issuer + ", exp=" + expiresAt + ", jti=" + id + "]";
    }

    // ---- reading claims

    private static String stringClaim(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new IllegalArgumentException("claim '" + name + "' must be a string");
    }

    private static List<String> audienceClaim(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String single) {
            return List.of(single);
        }
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new IllegalArgumentException("claim 'aud' must be a string or a list of strings");
    }

    private static Instant dateClaim(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("claim '" + name + "' must be a number of seconds");
        }
        BigDecimal seconds = number instanceof BigDecimal decimal ? decimal : new BigDecimal(number.toString());
        if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(MAX_EPOCH_SECOND)) > 0) {
            throw new IllegalArgumentException("claim '" + name + "' is out of range");
        }
        long whole = seconds.longValue();
        int nanos =
                seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    private static Set<String> stringsOf(Object value, boolean spaceSeparated) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof String text) {
            if (spaceSeparated) {
                for (String part : text.split(" ")) {
                    if (!part.isEmpty()) {
                        out.add(part);
                    }
                }
            } else {
                out.add(text);
            }
        } else if (value instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof String text) {
                    out.add(text);
                }
            }
        }
        return Collections.unmodifiableSet(out);
    }

    private static Object convertNumber(Number number, Class<?> type) {
        BigDecimal exact = number instanceof BigDecimal d ? d : new BigDecimal(number.toString());
        try {
            if (type == Long.class) {
                return exact.longValueExact();
            }
            if (type == Integer.class) {
                return exact.intValueExact();
            }
            if (type == Double.class) {
                return number.doubleValue();
            }
            if (type == BigDecimal.class) {
                return exact;
            }
            if (type == BigInteger.class) {
                return exact.toBigIntegerExact();
            }
        } catch (ArithmeticException notExact) {
            return null;
        }
        return null;
    }

    /** Builds a token to sign; registered claims have typed setters, any other goes through {@link #claim}. */
    public static final class Builder {
        private final Map<String, Object> claims;

        private Builder(Map<String, Object> claims) {
            this.claims = new LinkedHashMap<>(claims);
        }

        /** {@code sub}. */
        public Builder subject(String subject) {
            return claim("sub", subject);
        }

        /** {@code iss}. */
        public Builder issuer(String issuer) {
            return claim("iss", issuer);
        }

        /** {@code jti}, the token's unique id ({@link TokenEncoder.Builder#randomId} can make one). */
        public Builder id(String id) {
            return claim("jti", id);
        }

        /** {@code aud}: written as a string for one audience, a list for several; none removes it. */
        public Builder audience(String... audience) {
            return audience(Arrays.asList(audience));
        }

        /** {@code aud}: written as a string for one audience, a list for several; empty removes it. */
        public Builder audience(Collection<String> audience) {
            List<String> values = List.copyOf(audience);
            return claim("aud", values.isEmpty() ? null : values.size() == 1 ? values.get(0) : values);
        }

        /** {@code exp}, in whole seconds. */
        public Builder expiresAt(Instant instant) {
            return claim("exp", seconds(instant));
        }

        /** {@code iat}, in whole seconds ({@link TokenEncoder} sets it when absent). */
        public Builder issuedAt(Instant instant) {
            return claim("iat", seconds(instant));
        }

        /** {@code nbf}, in whole seconds. */
        public Builder notBefore(Instant instant) {
            return claim("nbf", seconds(instant));
        }

        /**
         * {@code scope} as RFC 9068 writes it: one space-separated string.
         *
         * @throws IllegalArgumentException for an empty scope or one containing a space
         */
        public Builder scopes(String... scopes) {
            return scopes(Arrays.asList(scopes));
        }

        /** {@code scope} as one space-separated string; an empty collection removes it. */
        public Builder scopes(Collection<String> scopes) {
            for (String scope : scopes) {
                if (scope.isEmpty() || scope.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\\' || c > '~')) {
                    throw new IllegalArgumentException(
                            "a scope is a non-empty word of printable ASCII without spaces, quotes or backslashes (RFC 6749 §3.3)");
                }
            }
            return claim("scope", scopes.isEmpty() ? null : String.join(" ", scopes));
        }

        /** {@code roles}, a list of strings; none removes it. */
        public Builder roles(String... roles) {
            return roles(Arrays.asList(roles));
        }

        /** {@code roles}, a list of strings; an empty collection removes it. */
        public Builder roles(Collection<String> roles) {
            return claim("roles", roles.isEmpty() ? null : new ArrayList<>(roles));
        }

        /**
         * Sets claim {@code name} to a JSON value (string, number, boolean, list, map of those); null
         * removes it. Registered claims may be set here too, in their JSON form.
         *
         * @throws IllegalArgumentException for a value JSON cannot carry
         */
        public Builder claim(String name, Object value) {
            Objects.requireNonNull(name, "claim name");
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, ClaimValues.copy(value, name));
            }
            return this;
        }

        /** Sets every claim of {@code claims}, as {@link #claim} does each. */
        public Builder claims(Map<String, ?> claims) {
            claims.forEach(this::claim);
            return this;
        }

        /**
         * The token.
         *
         * @throws IllegalArgumentException when a registered claim set through {@link #claim} has
         *     the wrong type
         */
        public Token build() {
            return fromClaims(claims);
        }

        private static Long seconds(Instant instant) {
            return instant == null ? null : instant.getEpochSecond();
        }
    }
}

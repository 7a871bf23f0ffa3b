package dev.rigel.security.jwt;

import dev.rigel.stores.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Revoked tokens in a {@link Store}: one key per revoked token ({@code iss} and {@code jti}), which
 * the store itself expires once the token could no longer be accepted anyway, so the list cleans
 * itself and never outgrows the set of live revoked tokens. On a Redis store every instance of the
 * app sees a revocation at once.
 *
 * <p>An entry outlives its token's {@code exp} by a margin (default {@value #DEFAULT_MARGIN_SECONDS}
 * seconds), which must be at least the verifiers' clock leeway: a verifier accepts a token until
 * {@code exp} plus its leeway, and a revocation that lapsed before then would let it back in for
 * that while. A token without {@code exp} is revoked forever (it never stops being accepted).
 *
 * <p>A store that cannot be reached throws its {@link dev.rigel.stores.StoreUnavailableException},
 * which is left to propagate: a 503, neither a pass nor a 401.
 */
public final class StoreRevokedTokens implements RevokedTokens {

    static final long DEFAULT_MARGIN_SECONDS = 300;

    /** How long an entry outlives its token by default: five minutes, well above any sane leeway. */
    public static final Duration DEFAULT_RETENTION_MARGIN = Duration.ofSeconds(DEFAULT_MARGIN_SECONDS);

    private static final byte[] MARK = {1};

    private final Store store;
    private final Duration margin;
    private final InstantSource clock;

    /** Revocation in {@code store}, each entry kept until its token's expiry plus {@code margin}. */
    public StoreRevokedTokens(Store store, Duration margin) {
        this(store, margin, Clock.systemUTC());
    }

    /** As {@link #StoreRevokedTokens(Store, Duration)}, reading the time from {@code clock}. */
    public StoreRevokedTokens(Store store, Duration margin, InstantSource clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.margin = Objects.requireNonNull(margin, "margin");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (margin.isNegative()) {
            throw new IllegalArgumentException("the retention margin cannot be negative, got " + margin);
        }
    }

    @Override
    public boolean isRevoked(Token token) {
        return token.id().isPresent() && store.exists(key(token));
    }

    @Override
    public void revoke(Token token) {
        if (token.id().isEmpty()) {
            throw new IllegalArgumentException("a token without a jti cannot be revoked");
        }
        Instant expiresAt = token.expiresAt().orElse(null);
        if (expiresAt == null) {
            store.set(key(token), MARK, null);
            return;
        }
        Duration keep = Duration.between(clock.instant(), expiresAt.plus(margin));
        if (keep.isNegative() || keep.isZero()) {
            // already past any verifier's leeway: it can never be accepted again
            return;
        }
        store.set(key(token), MARK, keep);
    }

    /**
     * The issuer and id: a {@code jti} is unique per issuer only (RFC 7519 §4.1.7), so one issuer's
     * id cannot revoke another's token. The issuer's length leads, so no issuer and id can be read
     * as another pair.
     */
    private static String key(Token token) {
        String issuer = token.issuer().orElse("");
        return issuer.length() + ":" + issuer + token.id().orElseThrow();
    }
}

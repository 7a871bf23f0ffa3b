package dev.rigel.security.jwt;

import dev.rigel.stores.Store;

/**
 * The tokens revoked before their expiry (a logout, a stolen token), asked by a {@link
 * TokenVerifier} on every verification, its cache's hits included. Tokens are told apart by their
 * {@code jti} (and issuer): a token without a {@code jti} cannot be revoked, so a verifier that
 * relies on revocation should {@linkplain TokenVerifier.Builder#requireClaims require} {@code jti}.
 *
 * <p>An implementation backed by a remote store may throw that store's unavailability exception
 * (a {@link dev.rigel.exceptions.DependencyUnavailable}, answered 503): a revocation list that
 * cannot be read must not let tokens through, nor refuse them as if they were bad.
 */
public interface RevokedTokens {

    /** Whether {@code token} has been revoked. */
    boolean isRevoked(Token token);

    /**
     * Revokes {@code token} until it expires.
     *
     * @throws IllegalArgumentException when the token has no {@code jti}
     */
    void revoke(Token token);

    /**
     * Revocation in {@code store} (memory, or Redis to share it between instances), each entry kept
     * until its token's expiry plus {@link StoreRevokedTokens#DEFAULT_RETENTION_MARGIN}.
     */
    static RevokedTokens inStore(Store store) {
        return new StoreRevokedTokens(store, StoreRevokedTokens.DEFAULT_RETENTION_MARGIN);
    }
}

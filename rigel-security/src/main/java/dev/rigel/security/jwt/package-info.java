/**
 * JSON Web Tokens for Rigel apps: issue them ({@link dev.rigel.security.jwt.TokenEncoder}), verify
 * them ({@link dev.rigel.security.jwt.TokenVerifier}, which answers a refused token with {@link
 * dev.rigel.security.jwt.InvalidTokenException}, a 401 with an RFC 6750 challenge), revoke them
 * ({@link dev.rigel.security.jwt.RevokedTokens}, in any {@code Store}), and verify an identity
 * provider's tokens with the keys it publishes ({@link dev.rigel.security.jwt.JwksKeySource}).
 *
 * <p>The claims are a {@link dev.rigel.security.jwt.Token}; keys are {@link
 * dev.rigel.security.jwt.VerificationKey}s in a {@link dev.rigel.security.jwt.KeySet}, handed out by
 * a {@link dev.rigel.security.jwt.KeySource}. Signing and parsing run on Nimbus JOSE+JWT, which no
 * type here shows.
 */
package dev.rigel.security.jwt;

/**
 * Security's vocabulary in core: secrets that never show themselves ({@link
 * dev.rigel.security.SecretString}, {@link dev.rigel.security.SecretBytes}). The authentication
 * base, the authenticated {@code user}/{@code auth} and ready-made guards join it here; JWT, JWKS
 * and session authentication live in the {@code rigel-security} module.
 */
package dev.rigel.security;

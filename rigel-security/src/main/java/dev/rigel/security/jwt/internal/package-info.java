/**
 * The machinery under {@code dev.rigel.security.jwt}: strict compact-JWS parsing, Nimbus signers and
 * verifiers for JDK keys (Ed25519 on the JDK's EdDSA), JWK Set reading, the verified-token cache,
 * and the fetch-and-refresh policy of remote key sets. Not exported; it uses nothing of the API
 * package above it.
 */
package dev.rigel.security.jwt.internal;

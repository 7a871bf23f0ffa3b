/**
 * Sessions: {@link dev.rigel.middleware.session.SessionMiddleware} with client-side (encrypted
 * cookie, {@link dev.rigel.middleware.session.ClientSideSessionConfig}) or server-side (store,
 * {@link dev.rigel.middleware.session.ServerSideSessionConfig}) backends; handlers take a {@link
 * dev.rigel.middleware.session.Session}, supplied through {@link
 * dev.rigel.middleware.session.Session#parameterSource()}.
 */
package dev.rigel.middleware.session;

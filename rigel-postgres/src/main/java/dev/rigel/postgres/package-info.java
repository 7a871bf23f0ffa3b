/**
 * PostgreSQL backends for Rigel: {@link dev.rigel.postgres.PostgresChannelsBackend}, channels on
 * {@code LISTEN}/{@code NOTIFY}.
 */
package dev.rigel.postgres;

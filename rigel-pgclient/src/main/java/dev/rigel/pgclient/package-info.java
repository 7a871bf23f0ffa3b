/**
 * PostgreSQL through the Vert.x reactive client ({@link dev.rigel.pgclient.PgClientPlugin}): one
 * pool of pipelined connections for the app, handed to handlers as a dependency. A handler on its
 * virtual thread sends any number of queries at once and waits for them together
 * ({@code Future.all(...).await()}), so N independent reads cost about one round trip instead of N.
 */
package dev.rigel.pgclient;

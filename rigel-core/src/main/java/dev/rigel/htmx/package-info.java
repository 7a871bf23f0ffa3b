/**
 * htmx support (Litestar's {@code litestar.plugins.htmx}): {@link dev.rigel.htmx.HTMXDetails} reads
 * what htmx sent (take it as a handler parameter), {@link dev.rigel.htmx.HTMXResponse} answers with
 * htmx's response headers (client redirect, refresh, location, push or replace URL, reswap,
 * retarget, triggered events, stop polling), with {@link dev.rigel.htmx.HXLocation}, {@link
 * dev.rigel.htmx.HXSwap} and {@link dev.rigel.htmx.HTMXHeaders} for their values.
 */
package dev.rigel.htmx;

/**
 * Layer settings as each layer declares them and as merged for a route (Litestar's merge rules).
 * Not API.
 */
package dev.rigel.internal.layers;

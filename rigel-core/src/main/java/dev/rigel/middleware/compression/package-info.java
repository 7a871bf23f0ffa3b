/**
 * The built-in response compression (gzip, brotli, zstd):
 * {@link dev.rigel.middleware.compression.CompressionConfig}, switched on with
 * {@code App.builder().compression(…)}.
 */
package dev.rigel.middleware.compression;

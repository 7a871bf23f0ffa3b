/**
 * Seams for Rigel's own modules, not API: scope-state keys shared with metrics, tracing and the
 * test client ({@link dev.rigel.spi.StateKeys}) and HTTP reason phrases ({@link
 * dev.rigel.spi.StatusReasons}). Exported only to those modules.
 */
package dev.rigel.spi;

/**
 * Seams for Rigel's own modules, not API: scope-state keys shared with metrics, tracing and the
 * test client ({@link dev.rigel.spi.StateKeys}), HTTP reason phrases ({@link
 * dev.rigel.spi.StatusReasons}) and the database modules' 409 for a violated constraint ({@link
 * dev.rigel.spi.ConstraintConflicts}). Exported only to those modules.
 */
package dev.rigel.spi;

/**
 * Seams for Rigel's own modules, not API: scope-state keys shared with metrics, tracing and the
 * test client ({@link dev.rigel.spi.StateKeys}) and HTTP reason phrases ({@link
 * dev.rigel.spi.StatusReasons}) and what marks an annotation as a constraint ({@link
 * dev.rigel.spi.ConstraintMarks}, for settings binding). Exported only to those modules.
 */
package dev.rigel.spi;

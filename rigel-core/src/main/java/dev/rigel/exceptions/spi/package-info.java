/**
 * A seam for Rigel's database modules, not API: the 409 for a violated constraint in one wording
 * ({@link dev.rigel.exceptions.spi.ConstraintConflicts}). Exported only to those modules.
 */
package dev.rigel.exceptions.spi;

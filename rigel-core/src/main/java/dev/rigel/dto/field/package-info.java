/**
 * Per-field DTO settings on the model itself: {@link dev.rigel.dto.field.DTOField @DTOField} with
 * its {@link dev.rigel.dto.field.Mark} (read-only, write-only, private), as in Litestar's {@code
 * dto.field}.
 */
package dev.rigel.dto.field;

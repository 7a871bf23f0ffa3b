/**
 * The model introspection a DTO factory of another Rigel module supplies (rigel-jpa's {@code
 * JpaDTO}): {@link dev.rigel.dto.spi.Introspection}, {@link dev.rigel.dto.spi.ModelShape}, {@link
 * dev.rigel.dto.spi.ModelProperty}. Exported only to rigel-jpa; applications use {@code RecordDTO}
 * and {@code BeanDTO}.
 */
package dev.rigel.dto.spi;

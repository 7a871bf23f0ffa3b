/**
 * Data transfer objects, as Litestar's: views of a model that decide which of its fields travel to
 * and from clients, and under which names. Extend {@link dev.rigel.dto.RecordDTO} or
 * {@link dev.rigel.dto.BeanDTO} with a {@link dev.rigel.dto.DTOConfig}, set it on a layer or route
 * ({@code dto}, {@code returnDto}), and take the request body as the model or as
 * {@link dev.rigel.dto.DTOData}.
 */
package dev.rigel.dto;

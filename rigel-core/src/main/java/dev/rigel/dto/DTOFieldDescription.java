package dev.rigel.dto;

import java.lang.reflect.Type;

/**
 * One field of a {@link DTODescription}.
 *
 * @param name     the name on the wire
 * @param javaName the model's Java field name
 * @param type     the field's declared Java type (generic, e.g. {@code List<Item>})
 * @param required inbound: whether a client must send it (never for a partial DTO); outbound:
 *                 whether it is always present in the output
 * @param nullable whether its value may be null
 * @param model    for a nested model, or a collection of them, the description of that model in
 *                 the same direction; null for other values
 */
public record DTOFieldDescription(
        String name, String javaName, Type type, boolean required, boolean nullable, DTODescription model) {}

package dev.rigel.dto;

import dev.rigel.dto.spi.Introspection;

/**
 * A DTO over a mutable class with a no-argument constructor. Its fields are the class's instance
 * fields (superclass fields first), read through a public getter ({@code getX}/{@code isX}) when
 * there is one and the field otherwise, written through a public setter or the field unless it is
 * final; a field that cannot be written is only sent. Nested records and mutable classes are
 * followed up to {@link DTOConfig#maxNestedDepth()}.
 *
 * @param <T> the model type
 */
public abstract class BeanDTO<T> extends AbstractDTO<T> {

    /** A DTO whose model is this class's type argument ({@code extends BeanDTO<Customer>}). */
    protected BeanDTO(DTOConfig config) {
        super(null, config);
    }

    /** All of the model's fields, both ways. */
    protected BeanDTO() {
        this(DTOConfig.defaults());
    }

    /** A DTO over {@code modelType}, for when no type argument says it. */
    protected BeanDTO(Class<T> modelType, DTOConfig config) {
        super(modelType, config);
    }

    /** A DTO without a class of its own, e.g. {@code .dto(BeanDTO.of(Customer.class, config))} on a layer. */
    public static <T> BeanDTO<T> of(Class<T> modelType, DTOConfig config) {
        return new BeanDTO<>(modelType, config) {};
    }

    @Override
    protected final Introspection introspection() {
        return Introspection.BEANS;
    }
}

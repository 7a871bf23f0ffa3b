package dev.rigel.dto;

import dev.rigel.dto.spi.Introspection;

/**
 * A DTO over a record: fields are the record components, read through their accessors and
 * written through the canonical constructor. Nested records (and collections of them) are
 * followed up to {@link DTOConfig#maxNestedDepth()}.
 *
 * <pre>{@code
 * public class UserPatchDTO extends RecordDTO<User> {
 *     public UserPatchDTO() {
 *         super(DTOConfig.builder().include("name", "email").partial(true).build());
 *     }
 * }
 * }</pre>
 *
 * @param <T> the record type
 */
public abstract class RecordDTO<T extends Record> extends AbstractDTO<T> {

    /** A DTO whose model is this class's type argument ({@code extends RecordDTO<User>}). */
    protected RecordDTO(DTOConfig config) {
        super(null, config);
    }

    /** All of the model's fields, both ways. */
    protected RecordDTO() {
        this(DTOConfig.defaults());
    }

    /** A DTO over {@code modelType}, for when no type argument says it. */
    protected RecordDTO(Class<T> modelType, DTOConfig config) {
        super(modelType, config);
    }

    /** A DTO without a class of its own, e.g. {@code .dto(RecordDTO.of(User.class, config))} on a layer. */
    public static <T extends Record> RecordDTO<T> of(Class<T> modelType, DTOConfig config) {
        return new RecordDTO<>(modelType, config) {};
    }

    @Override
    protected final Introspection introspection() {
        return Introspection.RECORDS;
    }
}

package dev.rigel.dto;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.dto.spi.Introspection;
import java.util.Objects;

/**
 * A data transfer object over a model type: which of the model's fields travel to and from
 * clients, under which names (Litestar's {@code AbstractDTO}). Extend {@link RecordDTO} for
 * records or {@link BeanDTO} for mutable classes, giving the model as the type argument:
 *
 * <pre>{@code
 * public class UserReadDTO extends RecordDTO<User> {
 *     public UserReadDTO() {
 *         super(DTOConfig.builder().exclude("passwordHash", "internalNotes").build());
 *     }
 * }
 *
 * @Post(dto = UserWriteDTO.class, returnDto = UserReadDTO.class)
 * public User create(DTOData<User> data, Database db) { … }
 * }</pre>
 *
 * A DTO set on a layer ({@code dto(…)}/{@code returnDto(…)} on the app, a router, a controller or
 * a route; {@code dto}/{@code returnDto} on the route annotations) applies to every handler below
 * it, the closest layer winning; the return DTO falls back to the data DTO. {@link NoDTO} opts a
 * handler out. Each DTO is compiled once, at startup, against the app's JSON mapper.
 *
 * @param <T> the model type
 */
public abstract class AbstractDTO<T> {

    private final Class<T> modelType;
    private final DTOConfig config;

    /**
     * Subclasses only: {@link RecordDTO}, {@link BeanDTO}, and the DTO factories of other Rigel
     * modules ({@code JpaDTO} in rigel-jpa). Applications extend one of those, not this class: the
     * {@link #introspection()} they must supply is internal API.
     */
    protected AbstractDTO(Class<T> modelType, DTOConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.modelType = modelType != null ? modelType : ModelTypes.modelTypeOf(getClass());
    }

    /** The model this DTO shapes. */
    public final Class<T> modelType() {
        return modelType;
    }

    public final DTOConfig config() {
        return config;
    }

    /**
     * Compiles this DTO for {@code mapper}: every field's accessor, wire name and JSON codec is
     * resolved now, so encoding and decoding reflect on nothing. A route's DTOs are compiled when
     * the app is built; call this to use a DTO outside a route, and keep the result.
     *
     * @throws dev.rigel.exceptions.ImproperlyConfiguredException when the config names a field the
     *         model does not have, or the model cannot be read
     */
    public final DTOCodec<T> compile(ObjectMapper mapper) {
        return DTOCompiler.compile(modelType, config, introspection(), mapper, toString());
    }

    /**
     * How this kind of DTO reads its model and nested models. The seam for the DTO factories of
     * other Rigel modules; {@link Introspection} lives in an internal package and may change.
     */
    protected abstract Introspection introspection();

    @Override
    public String toString() {
        Class<?> type = getClass();
        return type.isAnonymousClass() || type.isSynthetic()
                ? type.getSuperclass().getSimpleName() + "<" + modelType.getSimpleName() + ">"
                : type.getSimpleName();
    }
}

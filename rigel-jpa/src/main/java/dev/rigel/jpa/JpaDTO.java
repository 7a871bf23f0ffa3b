package dev.rigel.jpa;

import dev.rigel.dto.AbstractDTO;
import dev.rigel.dto.DTOConfig;
import dev.rigel.dto.spi.Introspection;
import dev.rigel.jpa.internal.EntityIntrospection;

/**
 * A DTO over a JPA entity (Litestar's {@code SQLAlchemyDTO}): {@link dev.rigel.dto.BeanDTO}'s
 * rules for reading and writing fields, plus what the mapping annotations say.
 *
 * <ul>
 *   <li>{@code @GeneratedValue} fields (generated ids) and {@code @Version} fields are read-only
 *       unless a {@code @DTOField} on the field says otherwise: clients see them, never set them.
 *       An {@code @Id} the application assigns (no {@code @GeneratedValue}) stays writable, since
 *       a client creating the row has to give it. {@code @jakarta.persistence.Transient} fields
 *       are private.</li>
 *   <li>Associations ({@code @ManyToOne}, {@code @OneToOne}, {@code @OneToMany},
 *       {@code @ManyToMany}) and embeddables are nested models, followed to
 *       {@link DTOConfig#maxNestedDepth()} (default 1) and left out beyond it.</li>
 *   <li>Encoding never loads an association: one Hibernate has not loaded (a lazy proxy or
 *       collection not yet initialised, or a proxy among a loaded collection's elements) is
 *       written as {@code null}. Fetch what a response should carry in the query
 *       ({@code join fetch}, an entity graph) or touch it in the handler.</li>
 *   <li>The entity the handler returns may be a proxy ({@code getReference}, a lazy to-one it
 *       passes on): it is loaded if need be and written as the entity behind it.</li>
 * </ul>
 *
 * <pre>{@code
 * public class UserRead extends JpaDTO<User> {
 *     public UserRead() {
 *         super(DTOConfig.builder().exclude("passwordHash").build());
 *     }
 * }
 * }</pre>
 *
 * @param <T> the entity type
 */
public abstract class JpaDTO<T> extends AbstractDTO<T> {

    /** A DTO whose entity is this class's type argument ({@code extends JpaDTO<User>}). */
    protected JpaDTO(DTOConfig config) {
        super(null, config);
    }

    /** All of the entity's fields, generated ids and versions read-only. */
    protected JpaDTO() {
        this(DTOConfig.defaults());
    }

    /** A DTO over {@code entityType}, for when no type argument says it. */
    protected JpaDTO(Class<T> entityType, DTOConfig config) {
        super(entityType, config);
    }

    /** A DTO without a class of its own, e.g. {@code .returnDto(JpaDTO.of(User.class, config))} on a layer. */
    public static <T> JpaDTO<T> of(Class<T> entityType, DTOConfig config) {
        return new JpaDTO<>(entityType, config) {};
    }

    @Override
    protected final Introspection introspection() {
        return EntityIntrospection.INSTANCE;
    }
}

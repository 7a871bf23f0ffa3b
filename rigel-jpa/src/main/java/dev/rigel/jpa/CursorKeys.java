package dev.rigel.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.SingularAttribute;
import java.lang.reflect.AnnotatedElement;

/**
 * Checks that an attribute can key a cursor: "the rows after this value" must name one place in
 * one order, so the attribute has to be single-valued, basic, never null and unique (the id, a
 * {@code @Column(unique = true)}, or the only column of a table's unique constraint).
 */
final class CursorKeys {

    private CursorKeys() {}

    static <T> SingularAttribute<? super T, ?> require(EntityType<T> entity, String key) {
        Attribute<? super T, ?> attribute;
        try {
            attribute = entity.getAttribute(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(entity.getName() + " has no attribute '" + key + "' to key a cursor", e);
        }
        if (!(attribute instanceof SingularAttribute<? super T, ?> single)
                || single.getPersistentAttributeType() != Attribute.PersistentAttributeType.BASIC) {
            throw new IllegalArgumentException(
                    entity.getName() + "." + key + " cannot key a cursor: it is not a single basic value");
        }
        if (single.isId()) {
            return single;
        }
        if (single.isOptional() && !declaredNotNull(single)) {
            throw new IllegalArgumentException(entity.getName() + "." + key + " cannot key a cursor: it may be null,"
                    + " and rows with a null key have no place after a cursor; make it nullable = false");
        }
        if (!unique(entity, single)) {
            throw new IllegalArgumentException(entity.getName() + "." + key + " cannot key a cursor: it is not"
                    + " unique, so rows sharing a value would be skipped; use the id or a unique column");
        }
        return single;
    }

    private static boolean declaredNotNull(SingularAttribute<?, ?> attribute) {
        Column column = column(attribute);
        return column != null && !column.nullable();
    }

    private static boolean unique(EntityType<?> entity, SingularAttribute<?, ?> attribute) {
        Column column = column(attribute);
        if (column != null && column.unique()) {
            return true;
        }
        String columnName = column != null && !column.name().isEmpty() ? column.name() : attribute.getName();
        Table table = entity.getJavaType().getAnnotation(Table.class);
        if (table != null) {
            for (UniqueConstraint constraint : table.uniqueConstraints()) {
                if (constraint.columnNames().length == 1 && constraint.columnNames()[0].equalsIgnoreCase(columnName)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Column column(SingularAttribute<?, ?> attribute) {
        return attribute.getJavaMember() instanceof AnnotatedElement member ? member.getAnnotation(Column.class) : null;
    }
}

package dev.rigel.jpa;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Repository} listing selects, in which order, and which slice (advanced-alchemy's
 * filters). Fields are entity attribute names; a dotted path follows single-valued associations
 * ({@code "author.id"}). Values must have the attribute's Java type.
 *
 * <pre>{@code
 * users.listAndCount(Filter.eq("active", true), Filter.in("role", List.of(ADMIN, OWNER)),
 *         Filter.ge("createdAt", since), Filter.desc("createdAt"), Filter.limitOffset(20, 40));
 * }</pre>
 *
 * A field the entity does not have is answered with 400 naming it, since filter fields often come
 * from the query string.
 */
public sealed interface Filter {

    /** A comparison of a field with a value. */
    record Compare(String field, Operator operator, Object value) implements Filter {
        public Compare {
            requireField(field);
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(value, "value (use isNull/notNull for null)");
        }
    }

    /** The comparison operators. */
    enum Operator {
        EQ,
        NE,
        GT,
        GE,
        LT,
        LE,
        LIKE
    }

    /** A field whose value is (or, negated, is not) one of {@code values}. */
    record In(String field, List<?> values, boolean negated) implements Filter {
        public In {
            requireField(field);
            values = List.copyOf(values);
        }
    }

    /** A field that is (or, negated, is not) null. */
    record IsNull(String field, boolean negated) implements Filter {
        public IsNull {
            requireField(field);
        }
    }

    /** Sorting by a field; several sort in the order given. */
    record OrderBy(String field, boolean ascending) implements Filter {
        public OrderBy {
            requireField(field);
        }
    }

    /** A page: at most {@code limit} rows after skipping {@code offset}. */
    record LimitOffset(int limit, int offset) implements Filter {
        public LimitOffset {
            if (limit < 0 || offset < 0) {
                throw new IllegalArgumentException(
                        "limit and offset must not be negative, got limit " + limit + " and offset " + offset);
            }
        }
    }

    static Filter eq(String field, Object value) {
        return new Compare(field, Operator.EQ, value);
    }

    static Filter ne(String field, Object value) {
        return new Compare(field, Operator.NE, value);
    }

    static Filter gt(String field, Comparable<?> value) {
        return new Compare(field, Operator.GT, value);
    }

    static Filter ge(String field, Comparable<?> value) {
        return new Compare(field, Operator.GE, value);
    }

    static Filter lt(String field, Comparable<?> value) {
        return new Compare(field, Operator.LT, value);
    }

    static Filter le(String field, Comparable<?> value) {
        return new Compare(field, Operator.LE, value);
    }

    /** A SQL {@code LIKE} pattern on a string field ({@code %} any run of characters, {@code _} one). */
    static Filter like(String field, String pattern) {
        return new Compare(field, Operator.LIKE, pattern);
    }

    static Filter in(String field, Collection<?> values) {
        return new In(field, List.copyOf(values), false);
    }

    static Filter notIn(String field, Collection<?> values) {
        return new In(field, List.copyOf(values), true);
    }

    static Filter isNull(String field) {
        return new IsNull(field, false);
    }

    static Filter notNull(String field) {
        return new IsNull(field, true);
    }

    static Filter asc(String field) {
        return new OrderBy(field, true);
    }

    static Filter desc(String field) {
        return new OrderBy(field, false);
    }

    static Filter limitOffset(int limit, int offset) {
        return new LimitOffset(limit, offset);
    }

    private static void requireField(String field) {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("A filter needs a field name");
        }
    }
}

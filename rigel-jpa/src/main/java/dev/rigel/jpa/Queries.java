package dev.rigel.jpa;

import dev.rigel.exceptions.ClientException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.metamodel.Attribute;
import jakarta.persistence.metamodel.EntityType;
import jakarta.persistence.metamodel.ManagedType;
import jakarta.persistence.metamodel.SingularAttribute;
import java.util.ArrayList;
import java.util.List;

/**
 * The JPQL of a {@link Repository} listing, built from its filters. The text depends only on the
 * filters' shape (fields, operators, how many), never on their values, which are bound as
 * parameters: so Hibernate's query caches parse it and translate it to SQL once per shape, not on
 * every request as they would a criteria query (DESIGN "SQL", and issue 15's profile: 27% of a
 * listing's time went to building and translating criteria trees).
 *
 * <p>Field names often come from the query string, so every path is checked against the entity's
 * metamodel before it reaches the text: an unknown field is a 400 naming it, and nothing but
 * attribute names the entity declares is ever written into the query.
 */
final class Queries {

    private Queries() {}

    /** The page the filters ask for, or null when they ask for all rows. */
    static Filter.LimitOffset page(List<Filter> filters) {
        Filter.LimitOffset page = null;
        for (Filter filter : filters) {
            if (filter instanceof Filter.LimitOffset limitOffset) {
                if (page != null) {
                    throw new IllegalArgumentException(
                            "A listing takes one LimitOffset, got " + page + " and " + filter);
                }
                page = limitOffset;
            }
        }
        return page;
    }

    static <T> TypedQuery<T> select(EntityManager session, EntityType<T> entity, List<Filter> filters) {
        StringBuilder jpql = new StringBuilder(96)
                .append("select e from ")
                .append(entity.getName())
                .append(" e");
        List<Object> values = where(jpql, entity, filters);
        String separator = " order by ";
        for (Filter filter : filters) {
            if (filter instanceof Filter.OrderBy orderBy) {
                jpql.append(separator)
                        .append(path(entity, orderBy.field()))
                        .append(orderBy.ascending() ? " asc" : " desc");
                separator = ", ";
            }
        }
        TypedQuery<T> query = session.createQuery(jpql.toString(), entity.getJavaType());
        bind(query, values);
        Filter.LimitOffset page = page(filters);
        if (page != null) {
            query.setFirstResult(page.offset()).setMaxResults(page.limit());
        }
        return query;
    }

    /**
     * {@code [entity, key]} rows of the entities matching the filters whose key is above {@code
     * cursor} (every one when it is null), in ascending key order, at most {@code limit}.
     */
    static List<Object[]> after(
            EntityManager session, EntityType<?> entity, List<Filter> filters, String key, Object cursor, int limit) {
        String keyPath = path(entity, key);
        StringBuilder jpql = new StringBuilder(128)
                .append("select e, ")
                .append(keyPath)
                .append(" from ")
                .append(entity.getName())
                .append(" e");
        List<Object> values = where(jpql, entity, filters);
        if (cursor != null) {
            jpql.append(hasCondition(filters) ? " and " : " where ")
                    .append(keyPath)
                    .append(" > ")
                    .append(parameter(values, cursor));
        }
        jpql.append(" order by ").append(keyPath).append(" asc");
        TypedQuery<Object[]> query = session.createQuery(jpql.toString(), Object[].class);
        bind(query, values);
        return query.setMaxResults(limit).getResultList();
    }

    /** Whether any filter adds a condition (an IS NULL test has no parameter but is one). */
    private static boolean hasCondition(List<Filter> filters) {
        for (Filter filter : filters) {
            if (!(filter instanceof Filter.OrderBy) && !(filter instanceof Filter.LimitOffset)) {
                return true;
            }
        }
        return false;
    }

    /** The wrapper class of a primitive attribute type, so a boxed cursor can be checked against it. */
    static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
    }

    static long count(EntityManager session, EntityType<?> entity, List<Filter> filters) {
        StringBuilder jpql = new StringBuilder(96)
                .append("select count(e) from ")
                .append(entity.getName())
                .append(" e");
        List<Object> values = where(jpql, entity, filters);
        TypedQuery<Long> query = session.createQuery(jpql.toString(), Long.class);
        bind(query, values);
        return query.getSingleResult();
    }

    private static void bind(TypedQuery<?> query, List<Object> values) {
        for (int i = 0; i < values.size(); i++) {
            query.setParameter("p" + i, values.get(i));
        }
    }

    /** Appends the where clause for the filters and returns the values of its parameters, in order. */
    private static List<Object> where(StringBuilder jpql, EntityType<?> entity, List<Filter> filters) {
        List<Object> values = new ArrayList<>();
        String separator = " where ";
        for (Filter filter : filters) {
            String condition = switch (filter) {
                case Filter.Compare compare -> compare(path(entity, compare.field()), compare, values);
                case Filter.In in -> in(path(entity, in.field()), in, values);
                case Filter.IsNull isNull ->
                    path(entity, isNull.field()) + (isNull.negated() ? " is not null" : " is null");
                case Filter.OrderBy ignored -> null;
                case Filter.LimitOffset ignored -> null;
            };
            if (condition != null) {
                jpql.append(separator).append(condition);
                separator = " and ";
            }
        }
        return values;
    }

    private static String compare(String path, Filter.Compare compare, List<Object> values) {
        String parameter = parameter(values, compare.value());
        return switch (compare.operator()) {
            case EQ -> path + " = " + parameter;
            case NE -> path + " <> " + parameter;
            case GT -> path + " > " + parameter;
            case GE -> path + " >= " + parameter;
            case LT -> path + " < " + parameter;
            case LE -> path + " <= " + parameter;
            case LIKE -> "cast(" + path + " as String) like " + parameter;
        };
    }

    private static String in(String path, Filter.In in, List<Object> values) {
        if (in.values().isEmpty()) {
            // SQL has no empty IN list: nothing is in it, everything is outside it
            return in.negated() ? "1 = 1" : "1 = 0";
        }
        return path + (in.negated() ? " not in " : " in ") + parameter(values, in.values());
    }

    private static String parameter(List<Object> values, Object value) {
        values.add(value);
        return ":p" + (values.size() - 1);
    }

    /**
     * {@code e.author.id} for the field {@code author.id}, once the entity is known to have it. The
     * walk is a few map lookups in Hibernate's metamodel, cheaper than remembering the answer (and a
     * static memory of entity types would keep a reloaded app's classes alive).
     */
    private static String path(EntityType<?> entity, String field) {
        if (!walks(entity, field)) {
            throw new ClientException(
                    "Cannot filter or sort " + entity.getName() + " by '" + field + "': it has no such field");
        }
        return "e." + field;
    }

    /** Whether every step of the dotted path is an attribute, all but the last single-valued and managed. */
    private static boolean walks(EntityType<?> entity, String field) {
        ManagedType<?> type = entity;
        String[] parts = field.split("\\.", -1);
        for (int i = 0; i < parts.length; i++) {
            Attribute<?, ?> attribute;
            try {
                attribute = type.getAttribute(parts[i]);
            } catch (IllegalArgumentException e) {
                return false;
            }
            if (i == parts.length - 1) {
                return true;
            }
            if (!(attribute instanceof SingularAttribute<?, ?> single)
                    || !(single.getType() instanceof ManagedType<?> next)) {
                return false;
            }
            type = next;
        }
        return false;
    }
}

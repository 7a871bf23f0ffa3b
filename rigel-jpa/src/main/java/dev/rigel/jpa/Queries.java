package dev.rigel.jpa;

import dev.rigel.exceptions.ClientException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.List;

/** Criteria queries for a {@link Repository} listing, built from its filters. */
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

    static <T> TypedQuery<T> select(EntityManager session, Class<T> type, String entityName, List<Filter> filters) {
        CriteriaBuilder builder = session.getCriteriaBuilder();
        CriteriaQuery<T> query = builder.createQuery(type);
        Root<T> root = query.from(type);
        query.select(root).where(predicates(builder, root, entityName, filters));
        List<Order> order = new ArrayList<>();
        for (Filter filter : filters) {
            if (filter instanceof Filter.OrderBy orderBy) {
                Path<?> path = path(root, orderBy.field(), entityName);
                order.add(orderBy.ascending() ? builder.asc(path) : builder.desc(path));
            }
        }
        query.orderBy(order);
        TypedQuery<T> typed = session.createQuery(query);
        Filter.LimitOffset page = page(filters);
        if (page != null) {
            typed.setFirstResult(page.offset()).setMaxResults(page.limit());
        }
        return typed;
    }

    static long count(EntityManager session, Class<?> type, String entityName, List<Filter> filters) {
        CriteriaBuilder builder = session.getCriteriaBuilder();
        CriteriaQuery<Long> query = builder.createQuery(Long.class);
        Root<?> root = query.from(type);
        query.select(builder.count(root)).where(predicates(builder, root, entityName, filters));
        return session.createQuery(query).getSingleResult();
    }

    private static Predicate[] predicates(
            CriteriaBuilder builder, Root<?> root, String entityName, List<Filter> filters) {
        List<Predicate> predicates = new ArrayList<>();
        for (Filter filter : filters) {
            Predicate predicate = switch (filter) {
                case Filter.Compare compare -> compare(builder, path(root, compare.field(), entityName), compare);
                case Filter.In in -> in(builder, path(root, in.field(), entityName), in);
                case Filter.IsNull isNull ->
                    isNull.negated()
                            ? builder.isNotNull(path(root, isNull.field(), entityName))
                            : builder.isNull(path(root, isNull.field(), entityName));
                case Filter.OrderBy ignored -> null;
                case Filter.LimitOffset ignored -> null;
            };
            if (predicate != null) {
                predicates.add(predicate);
            }
        }
        return predicates.toArray(Predicate[]::new);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Predicate compare(CriteriaBuilder builder, Path<?> path, Filter.Compare compare) {
        Object value = compare.value();
        return switch (compare.operator()) {
            case EQ -> builder.equal(path, value);
            case NE -> builder.notEqual(path, value);
            case GT -> builder.greaterThan((Expression<Comparable>) path, (Comparable) value);
            case GE -> builder.greaterThanOrEqualTo((Expression<Comparable>) path, (Comparable) value);
            case LT -> builder.lessThan((Expression<Comparable>) path, (Comparable) value);
            case LE -> builder.lessThanOrEqualTo((Expression<Comparable>) path, (Comparable) value);
            case LIKE -> builder.like(path.as(String.class), (String) value);
        };
    }

    private static Predicate in(CriteriaBuilder builder, Path<?> path, Filter.In in) {
        if (in.values().isEmpty()) {
            // SQL has no empty IN list: nothing is in it, everything is outside it
            return in.negated() ? builder.conjunction() : builder.disjunction();
        }
        Predicate inList = path.in(in.values());
        return in.negated() ? builder.not(inList) : inList;
    }

    private static Path<?> path(Root<?> root, String field, String entityName) {
        Path<?> path = root;
        try {
            for (String part : field.split("\\.", -1)) {
                path = path.get(part);
            }
        } catch (RuntimeException e) {
            throw new ClientException(
                    "Cannot filter or sort " + entityName + " by '" + field + "': it has no such field");
        }
        return path;
    }
}

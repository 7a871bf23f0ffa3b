package dev.rigel.jpa.internal;

import dev.rigel.dto.field.Mark;
import dev.rigel.dto.spi.Introspection;
import dev.rigel.dto.spi.ModelProperty;
import dev.rigel.dto.spi.ModelShape;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Transient;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.hibernate.Hibernate;
import org.hibernate.proxy.HibernateProxy;

/**
 * How {@code JpaDTO} reads entities: the bean shape the core reads, with the mapping annotations
 * applied once per class — generated ids and versions read-only by default, JPA
 * {@code @Transient} fields private, association fields (and the elements of their collections)
 * read through a guard that never makes Hibernate load anything, and every entity field read from
 * the entity behind its owner when the owner is a proxy the handler returned.
 */
public final class EntityIntrospection {

    /** Entities, embeddables and mapped superclasses are models; records and beans nest as in {@code BeanDTO}. */
    public static final Introspection INSTANCE = new Introspection() {
        @Override
        public ModelShape root(Class<?> type) {
            if (!isMapped(type)) {
                throw new IllegalArgumentException(type.getName()
                        + " is not a JPA entity or embeddable; use BeanDTO or RecordDTO for other classes");
            }
            return SHAPES.get(type);
        }

        @Override
        public ModelShape nested(Class<?> type) {
            return isMapped(type) ? SHAPES.get(type) : Introspection.BEANS.nested(type);
        }
    };

    private static final ClassValue<ModelShape> SHAPES = new ClassValue<>() {
        @Override
        protected ModelShape computeValue(Class<?> type) {
            return shape(type);
        }
    };

    private static final MethodHandle LOADED_OR_NULL;
    private static final MethodHandle UNPROXIED;

    static {
        try {
            MethodType objectToObject = MethodType.methodType(Object.class, Object.class);
            LOADED_OR_NULL =
                    MethodHandles.lookup().findStatic(EntityIntrospection.class, "loadedOrNull", objectToObject);
            UNPROXIED = MethodHandles.lookup().findStatic(EntityIntrospection.class, "unproxied", objectToObject);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private EntityIntrospection() {}

    static boolean isMapped(Class<?> type) {
        return type.isAnnotationPresent(Entity.class)
                || type.isAnnotationPresent(Embeddable.class)
                || type.isAnnotationPresent(MappedSuperclass.class);
    }

    private static ModelShape shape(Class<?> type) {
        ModelShape beans = Introspection.BEANS.root(type);
        List<ModelProperty> adjusted = new ArrayList<>(beans.properties().size());
        for (ModelProperty property : beans.properties()) {
            AnnotatedElement[] places = places(type, property.name());
            ModelProperty result = property;
            if (property.mark() == null) {
                if (any(places, Transient.class)) {
                    result = result.withMark(Mark.PRIVATE);
                } else if (any(places, GeneratedValue.class, jakarta.persistence.Version.class)) {
                    // the database or Hibernate sets these; an assigned @Id is the client's to give
                    result = result.withMark(Mark.READ_ONLY);
                }
            }
            if (any(
                    places,
                    ManyToOne.class,
                    OneToOne.class,
                    OneToMany.class,
                    ManyToMany.class,
                    ElementCollection.class)) {
                result = result.withGetter(MethodHandles.filterReturnValue(result.getter(), LOADED_OR_NULL));
            }
            if (type.isAnnotationPresent(Entity.class)) {
                // the owner may be a proxy the handler returned (getReference, a lazy to-one it
                // passed on): its fields are empty, so every field is read from the entity behind it
                result = result.withOwnerFilter(UNPROXIED);
            }
            adjusted.add(result);
        }
        return beans.withProperties(adjusted);
    }

    /**
     * An association's value as a response may show it: null when Hibernate has not loaded it
     * (reading it would run a query per row, or fail after the session closed), and a loaded
     * proxy's entity, whose own fields hold the values (the proxy's do not).
     */
    static Object loadedOrNull(Object value) {
        if (value == null || !Hibernate.isInitialized(value)) {
            return null;
        }
        if (value instanceof Collection<?> collection) {
            return loadedElements(collection);
        }
        return Hibernate.unproxy(value);
    }

    /**
     * A loaded collection's elements by the same rule: an element may still be a proxy (a
     * many-to-many whose entity the session first met as a reference), which is null until loaded
     * and its entity once loaded. The collection is copied only when an element needs replacing.
     */
    private static Collection<?> loadedElements(Collection<?> collection) {
        List<Object> replaced = null;
        int index = 0;
        for (Object element : collection) {
            Object shown = element instanceof HibernateProxy ? loadedOrNull(element) : element;
            if (shown != element && replaced == null) {
                replaced = new ArrayList<>(collection.size());
                Iterator<?> before = collection.iterator();
                for (int i = 0; i < index; i++) {
                    replaced.add(before.next());
                }
            }
            if (replaced != null) {
                replaced.add(shown);
            }
            index++;
        }
        return replaced == null ? collection : replaced;
    }

    /**
     * The entity a root value stands for: a proxy the handler returned is loaded if it was not
     * (the handler chose to return it, unlike an association it merely reached) and unwrapped.
     */
    static Object unproxied(Object owner) {
        return owner instanceof HibernateProxy proxy
                ? proxy.getHibernateLazyInitializer().getImplementation()
                : owner;
    }

    /** The field named {@code name} and its getter, where mapping annotations may sit. */
    private static AnnotatedElement[] places(Class<?> type, String name) {
        Field field = null;
        for (Class<?> cls = type; cls != null && field == null; cls = cls.getSuperclass()) {
            try {
                field = cls.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // declared further up
            }
        }
        String suffix = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        Method getter = null;
        for (String candidate : List.of("get" + suffix, "is" + suffix)) {
            try {
                getter = type.getMethod(candidate);
                break;
            } catch (NoSuchMethodException e) {
                // no such getter
            }
        }
        return new AnnotatedElement[] {field, getter};
    }

    @SafeVarargs
    private static boolean any(AnnotatedElement[] places, Class<? extends Annotation>... annotations) {
        for (AnnotatedElement place : places) {
            if (place == null) {
                continue;
            }
            for (Class<? extends Annotation> annotation : annotations) {
                if (place.isAnnotationPresent(annotation)) {
                    return true;
                }
            }
        }
        return false;
    }
}

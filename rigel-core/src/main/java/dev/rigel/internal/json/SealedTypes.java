package dev.rigel.internal.json;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.TypeResolverBuilder;
import com.fasterxml.jackson.databind.jsontype.impl.StdTypeResolverBuilder;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Sealed types as tagged unions, which Jackson alone cannot read (it never looks at {@code
 * permits}). A sealed interface or abstract class whose subtypes are all classes (no enums):
 *
 * <ul>
 *   <li>without {@code @JsonTypeInfo} is written and read with a {@value #PROPERTY} property holding
 *       the subtype's {@code @JsonTypeName}, or else its simple name ({@code {"type":"Circle",…}});
 *   <li>with {@code @JsonTypeInfo} but without {@code @JsonSubTypes} gets its permitted subclasses
 *       (recursively) as the subtypes, so the annotation alone is enough.
 * </ul>
 *
 * Jackson's own annotations always win: this introspector sits after Jackson's in the pair.
 */
final class SealedTypes extends NopAnnotationIntrospector {

    /** The discriminator of a sealed type without {@code @JsonTypeInfo} (Pydantic's and Litestar's usual tag). */
    static final String PROPERTY = "type";

    private static final JsonTypeInfo.Value DEFAULT =
            JsonTypeInfo.Value.construct(JsonTypeInfo.Id.NAME, JsonTypeInfo.As.PROPERTY, PROPERTY, null, false, null);

    /** A module that adds this introspector to a mapper. */
    static SimpleModule module() {
        return new SimpleModule("rigel-sealed-types") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.appendAnnotationIntrospector(new SealedTypes());
            }
        };
    }

    @Override
    public TypeResolverBuilder<?> findTypeResolver(MapperConfig<?> config, AnnotatedClass ac, JavaType baseType) {
        return unannotatedUnion(ac.getRawType()) == null ? null : new StdTypeResolverBuilder(DEFAULT);
    }

    @Override
    public List<NamedType> findSubtypes(Annotated a) {
        Class<?> raw = a.getRawType();
        if (!union(raw) || raw.isAnnotationPresent(JsonSubTypes.class)) {
            return null;
        }
        List<NamedType> subtypes = new ArrayList<>();
        for (Class<?> leaf : leaves(raw)) {
            subtypes.add(new NamedType(leaf, null));
        }
        return subtypes;
    }

    @Override
    public String findTypeName(AnnotatedClass ac) {
        Class<?> raw = ac.getRawType();
        // Jackson's default would be "Outer$Circle" for a nested class: the simple name reads better
        return raw.isAnnotationPresent(JsonTypeName.class) || unannotatedUnion(raw) == null
                ? null
                : raw.getSimpleName();
    }

    /**
     * The sealed type without {@code @JsonTypeInfo} that {@code type} is, or is a subtype of; null
     * when there is none (or one of its ancestors carries the annotation: Jackson's rules apply).
     */
    static Class<?> unannotatedUnion(Class<?> type) {
        if (type == null || type.isPrimitive() || type.isArray() || type.isEnum() || system(type)) {
            return null;
        }
        Class<?> found = null;
        for (Class<?> ancestor : ancestry(type)) {
            if (ancestor.isAnnotationPresent(JsonTypeInfo.class)) {
                return null;
            }
            if (found == null && union(ancestor)) {
                found = ancestor;
            }
        }
        return found;
    }

    /** A sealed type Rigel treats as a union: every concrete subtype is a class of the app's. */
    static boolean union(Class<?> type) {
        if (!type.isSealed() || system(type)) {
            return false;
        }
        for (Class<?> leaf : leaves(type)) {
            if (leaf.isEnum()) {
                return false;
            }
        }
        return true;
    }

    /** The concrete classes under a sealed type, in {@code permits} order. */
    static List<Class<?>> leaves(Class<?> sealed) {
        List<Class<?>> leaves = new ArrayList<>();
        for (Class<?> permitted : sealed.getPermittedSubclasses()) {
            if (permitted.isSealed()) {
                leaves.addAll(leaves(permitted));
            } else if (!permitted.isInterface() && !Modifier.isAbstract(permitted.getModifiers())) {
                leaves.add(permitted);
            }
        }
        return leaves;
    }

    /** The type itself, then its superclasses and interfaces, breadth first. */
    static List<Class<?>> ancestry(Class<?> type) {
        List<Class<?>> all = new ArrayList<>();
        all.add(type);
        for (int i = 0; i < all.size(); i++) {
            Class<?> next = all.get(i);
            if (next.getSuperclass() != null && next.getSuperclass() != Object.class) {
                all.add(next.getSuperclass());
            }
            for (Class<?> implemented : next.getInterfaces()) {
                if (!all.contains(implemented)) {
                    all.add(implemented);
                }
            }
        }
        return all;
    }

    private static boolean system(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.");
    }
}

package dev.rigel.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import dev.rigel.dto.field.Mark;
import dev.rigel.dto.spi.Introspection;
import dev.rigel.dto.spi.ModelProperty;
import dev.rigel.dto.spi.ModelShape;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.internal.invoke.Types;
import dev.rigel.internal.validation.BeanValidation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.metadata.BeanDescriptor;
import jakarta.validation.metadata.PropertyDescriptor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles a DTO for one JSON mapper: walks the model's fields once, applying marks,
 * include/exclude, renames and the nesting depth, and produces the plans that encode
 * ({@link OutObject}) and decode ({@link InObject}) with direct accessors. Everything that can be
 * wrong with a DTO is found here, at startup.
 */
final class DTOCompiler {

    private static final Set<Class<?>> NOT_NULL = Set.of(NotNull.class, NotBlank.class, NotEmpty.class);

    private final DTOConfig config;
    private final Introspection introspection;
    private final JsonBridge json;
    private final Map<String, String> renames = new LinkedHashMap<>();
    private final PropertyNamingStrategies.NamingBase appNaming;
    private final boolean skipNulls;
    private final Validator validator = BeanValidation.validator();

    private DTOCompiler(DTOConfig config, Introspection introspection, ObjectMapper mapper) {
        this.config = config;
        this.introspection = introspection;
        this.json = new JsonBridge(mapper);
        config.renameFields().forEach((path, name) -> renames.put(PathTree.normalize(path), name));
        PropertyNamingStrategy naming = mapper.getSerializationConfig().getPropertyNamingStrategy();
        this.appNaming = naming instanceof PropertyNamingStrategies.NamingBase base ? base : null;
        JsonInclude.Include inclusion =
                mapper.getSerializationConfig().getDefaultPropertyInclusion().getValueInclusion();
        // the app's mapper leaves nulls out: so does the DTO, so responses look alike
        this.skipNulls = inclusion == JsonInclude.Include.NON_NULL
                || inclusion == JsonInclude.Include.NON_ABSENT
                || inclusion == JsonInclude.Include.NON_EMPTY
                || inclusion == JsonInclude.Include.NON_DEFAULT;
    }

    /**
     * Compiles {@code modelType} under {@code config}; {@code dtoName} names the DTO in errors.
     *
     * @throws ImproperlyConfiguredException for a config path the model does not have, a model that
     *         cannot be read, or two fields with one wire name
     */
    public static <T> CompiledDTO<T> compile(
            Class<T> modelType, DTOConfig config, Introspection introspection, ObjectMapper mapper, String dtoName) {
        try {
            refusePolymorphic(modelType);
            ModelShape root = introspection.root(modelType);
            DTOCompiler compiler = new DTOCompiler(config, introspection, mapper);
            compiler.checkPaths(root);
            PathTree include = config.include().isEmpty() ? null : PathTree.of(config.include());
            PathTree exclude = config.exclude().isEmpty() ? null : PathTree.of(config.exclude());
            OutObject out = compiler.outbound(root, "", include, exclude, 0);
            InObject in = compiler.inbound(root, "", include, exclude, 0);
            return new CompiledDTO<>(modelType, dtoName, compiler.json, out, in, compiler::appName, compiler.skipNulls);
        } catch (IllegalArgumentException e) {
            throw new ImproperlyConfiguredException(
                    dtoName + " (over " + modelType.getSimpleName() + "): " + e.getMessage(), e);
        }
    }

    /**
     * A DTO shapes the fields of one concrete class; a union's fields differ per subtype, so a
     * sealed interface or abstract model is refused here rather than failing per request.
     */
    private static void refusePolymorphic(Class<?> modelType) {
        boolean union = modelType.isSealed() || modelType.isAnnotationPresent(JsonTypeInfo.class);
        if (union && (modelType.isInterface() || Modifier.isAbstract(modelType.getModifiers()))) {
            throw new IllegalArgumentException(modelType.getSimpleName() + " is a polymorphic type"
                    + " (sealed or @JsonTypeInfo): a DTO shapes one concrete record or class. Give each subtype its"
                    + " own DTO, or keep " + modelType.getSimpleName() + " as a field of the model: the DTO writes"
                    + " and reads such a field whole, with its type property");
        }
    }

    // ---- which fields, under which names ----

    /** A field chosen for one direction, with what its nested model (if any) keeps. */
    private record Selected(
            ModelProperty property,
            String path,
            String wireName,
            ModelShape nested,
            boolean collection,
            boolean set,
            PathTree include,
            PathTree exclude) {}

    private List<Selected> select(
            ModelShape shape, String prefix, PathTree include, PathTree exclude, int depth, boolean inbound) {
        List<Selected> selected = new ArrayList<>();
        Set<String> wireNames = new HashSet<>();
        for (ModelProperty property : shape.properties) {
            if (!travels(property, shape, inbound)) {
                continue;
            }
            String path = prefix.isEmpty() ? property.name : prefix + "." + property.name;
            PathTree nestedInclude = null; // null: everything below
            if (include != null) {
                PathTree named = include.child(property.name);
                if (named == null) {
                    continue;
                }
                nestedInclude = named.whole() ? null : named;
            }
            PathTree nestedExclude = null;
            if (exclude != null) {
                PathTree named = exclude.child(property.name);
                if (named != null && named.whole()) {
                    continue;
                }
                nestedExclude = named;
            }
            ModelShape nested = introspection.nested(property.raw);
            boolean collection = false;
            if (nested == null && isModelCollectionType(property.raw)) {
                nested = elementShape(property);
                collection = nested != null;
            }
            if (nested != null && depth >= config.maxNestedDepth()) {
                continue; // as Litestar: nested models past the depth limit are left out
            }
            String wireName = wireName(property, path);
            if (!wireNames.add(wireName)) {
                throw new IllegalArgumentException("two fields of " + shape.type.getSimpleName() + " are named '"
                        + wireName + "' on the wire; rename one of them");
            }
            selected.add(new Selected(
                    property,
                    path,
                    wireName,
                    nested,
                    collection,
                    property.raw == Set.class,
                    nestedInclude,
                    nestedExclude));
        }
        return selected;
    }

    private static boolean travels(ModelProperty property, ModelShape shape, boolean inbound) {
        Mark mark = property.mark;
        if (mark == Mark.PRIVATE) {
            return false;
        }
        if (inbound) {
            // a mutable class's field without a setter cannot take input
            return mark != Mark.READ_ONLY && (shape.record || property.setter != null);
        }
        return mark != Mark.WRITE_ONLY;
    }

    private String wireName(ModelProperty property, String path) {
        String renamed = renames.get(path);
        if (renamed != null) {
            return renamed;
        }
        if (config.renameStrategy() != null) {
            String name = config.renameStrategy().rename(property.name);
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("the rename strategy gave field '" + path + "' no name");
            }
            return name;
        }
        if (property.jsonName != null) {
            return property.jsonName;
        }
        return appName(property.name);
    }

    /** A name as the app's JSON naming strategy writes it ({@code createdAt} → {@code created_at} in snake case). */
    private String appName(String javaName) {
        return appNaming == null ? javaName : appNaming.translate(javaName);
    }

    private static boolean isModelCollectionType(Class<?> raw) {
        return raw == List.class || raw == Collection.class || raw == Set.class;
    }

    private ModelShape elementShape(ModelProperty property) {
        Class<?> element = Types.raw(Types.typeArgument(property.type, 0));
        return element == Object.class ? null : introspection.nested(element);
    }

    /** Every include/exclude/rename path must name real fields, through nested models only. */
    private void checkPaths(ModelShape root) {
        Set<String> paths = new LinkedHashSet<>();
        paths.addAll(config.include());
        paths.addAll(config.exclude());
        paths.addAll(config.renameFields().keySet());
        for (String path : paths) {
            List<String> segments = PathTree.segments(path);
            if (segments.isEmpty()) {
                throw new IllegalArgumentException("'" + path + "' names no field");
            }
            ModelShape shape = root;
            for (int i = 0; i < segments.size(); i++) {
                ModelProperty property = shape.byName.get(segments.get(i));
                if (property == null) {
                    throw new IllegalArgumentException("'" + path + "': " + shape.type.getSimpleName()
                            + " has no field '" + segments.get(i) + "'; its fields are " + shape.properties);
                }
                if (i < segments.size() - 1) {
                    ModelShape next = introspection.nested(property.raw);
                    if (next == null && isModelCollectionType(property.raw)) {
                        next = elementShape(property);
                    }
                    if (next == null) {
                        throw new IllegalArgumentException("'" + path + "': " + property.name + " is a "
                                + Types.describe(property.type) + ", not a nested model or a collection of them");
                    }
                    shape = next;
                }
            }
        }
    }

    // ---- outbound ----

    private OutObject outbound(ModelShape shape, String prefix, PathTree include, PathTree exclude, int depth) {
        List<Selected> selected = select(shape, prefix, include, exclude, depth, false);
        BeanDescriptor constraints = validator.getConstraintsForClass(shape.type);
        OutField[] fields = new OutField[selected.size()];
        List<DTOFieldDescription> described = new ArrayList<>(selected.size());
        for (int i = 0; i < fields.length; i++) {
            Selected field = selected.get(i);
            ModelProperty property = field.property;
            DTODescription nestedDescription = null;
            if (field.nested != null) {
                OutObject nested = outbound(field.nested, field.path, field.include, field.exclude, depth + 1);
                nestedDescription = nested.description();
                fields[i] = field.collection
                        ? new OutField.NestedCollectionField(field.wireName, property.getter, skipNulls, nested)
                        : new OutField.NestedField(field.wireName, property.getter, skipNulls, nested);
            } else {
                fields[i] = leaf(field.wireName, property);
            }
            boolean nullable = !property.raw.isPrimitive() && !notNull(constraints, property);
            described.add(new DTOFieldDescription(
                    field.wireName,
                    property.name,
                    property.type,
                    !nullable || !skipNulls,
                    nullable,
                    nestedDescription));
        }
        return new OutObject(
                shape.type, fields, new DTODescription(shape.type, DTODescription.Direction.OUTBOUND, described));
    }

    private OutField leaf(String wireName, ModelProperty property) {
        Class<?> raw = property.raw;
        if (raw == int.class) {
            return new OutField.IntField(wireName, property.exactGetter);
        }
        if (raw == long.class) {
            return new OutField.LongField(wireName, property.exactGetter);
        }
        if (raw == double.class) {
            return new OutField.DoubleField(wireName, property.exactGetter);
        }
        if (raw == boolean.class) {
            return new OutField.BooleanField(wireName, property.exactGetter);
        }
        if (raw == String.class) {
            return new OutField.StringField(wireName, property.getter, skipNulls);
        }
        JsonSerializer<Object> serializer = fixedType(raw) ? json.serializer(property.type) : null;
        return new OutField.ValueField(wireName, property.getter, skipNulls, serializer);
    }

    /** Whether every value of a field declared {@code raw} is written by the declared type's serializer. */
    private static boolean fixedType(Class<?> raw) {
        return raw.isPrimitive()
                || raw.isArray()
                || raw.isEnum()
                || Modifier.isFinal(raw.getModifiers())
                || Collection.class.isAssignableFrom(raw)
                || Map.class.isAssignableFrom(raw)
                || raw == Optional.class;
    }

    // ---- inbound ----

    private InObject inbound(ModelShape shape, String prefix, PathTree include, PathTree exclude, int depth) {
        List<Selected> selected = select(shape, prefix, include, exclude, depth, true);
        BeanDescriptor constraints = validator.getConstraintsForClass(shape.type);
        InField[] fields = new InField[selected.size()];
        List<DTOFieldDescription> described = new ArrayList<>(selected.size());
        boolean nestedNeedCheck = false;
        for (int order = 0; order < fields.length; order++) {
            Selected field = selected.get(order);
            ModelProperty property = field.property;
            PropertyDescriptor declared = constraints.getConstraintsForProperty(property.name);
            boolean constrained = declared != null
                    && (declared.hasConstraints()
                            || !declared.getConstrainedContainerElementTypes().isEmpty());
            boolean requiredWhenFull = shape.record && property.raw.isPrimitive();
            DTODescription nestedDescription = null;
            if (field.nested != null) {
                InObject nested = inbound(field.nested, field.path, field.include, field.exclude, depth + 1);
                nestedNeedCheck |= nested.needsCheck;
                nestedDescription = nested.description();
                fields[order] = field.collection
                        ? new InField.NestedCollectionIn(
                                field.wireName, order, property, constrained, nested, field.set)
                        : new InField.NestedIn(field.wireName, order, property, constrained, nested);
            } else if (property.raw == String.class) {
                fields[order] = new InField.StringIn(
                        field.wireName, order, property, constrained, json.deserializer(String.class));
            } else {
                fields[order] = new InField.ValueIn(
                        field.wireName,
                        order,
                        property,
                        constrained,
                        requiredWhenFull,
                        json.deserializer(property.type),
                        kind(property.raw));
            }
            boolean notNull = notNull(constraints, property);
            described.add(new DTOFieldDescription(
                    field.wireName,
                    property.name,
                    property.type,
                    !config.partial() && (requiredWhenFull || notNull),
                    !property.raw.isPrimitive() && !notNull,
                    nestedDescription));
        }
        return new InObject(
                shape,
                fields,
                config.partial(),
                config.forbidUnknownFields(),
                validator,
                nestedNeedCheck,
                new DTODescription(shape.type, DTODescription.Direction.INBOUND, described));
    }

    private static InField.Kind kind(Class<?> raw) {
        if (raw == int.class || raw == Integer.class) {
            return InField.Kind.INT;
        }
        if (raw == long.class || raw == Long.class) {
            return InField.Kind.LONG;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return InField.Kind.BOOLEAN;
        }
        if (raw == double.class || raw == Double.class) {
            return InField.Kind.DOUBLE;
        }
        return InField.Kind.OTHER;
    }

    private static boolean notNull(BeanDescriptor constraints, ModelProperty property) {
        PropertyDescriptor declared = constraints.getConstraintsForProperty(property.name);
        return declared != null
                && declared.getConstraintDescriptors().stream()
                        .anyMatch(constraint ->
                                NOT_NULL.contains(constraint.getAnnotation().annotationType()));
    }
}

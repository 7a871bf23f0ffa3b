package dev.rigel.internal.form;

import dev.rigel.exceptions.ClientException;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.exceptions.ValidationError;
import dev.rigel.form.FormData;
import dev.rigel.form.UploadFile;
import dev.rigel.internal.invoke.Types;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Plans, at startup, how a handler's form-bound {@code data} parameter is built from a
 * {@link FormData}: the whole form, its files, a map, or a record or bean whose fields are filled
 * by name. Records are built through their canonical constructor and beans through their
 * no-argument constructor and setters (or public fields), all as method handles resolved here,
 * so binding a request reflects on nothing.
 */
public final class FormBinding {

    /** Builds the parameter value; conversion failures go to {@code errors}, the caller reports them. */
    @FunctionalInterface
    public interface FormBinder {
        Object bind(FormData form, List<ValidationError> errors) throws Throwable;
    }

    private FormBinding() {}

    /** Whether {@code type} can only come from a form, so it binds as one without {@code @Form}. */
    public static boolean formOnly(Type type) {
        Class<?> raw = Types.raw(type);
        if (raw == FormData.class || raw == UploadFile.class) {
            return true;
        }
        if (raw == List.class || raw == Optional.class || raw == Collection.class) {
            return Types.raw(Types.typeArgument(type, 0)) == UploadFile.class;
        }
        if (raw.isRecord()) {
            for (RecordComponent component : raw.getRecordComponents()) {
                if (mentionsUploadFile(component.getGenericType())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean mentionsUploadFile(Type type) {
        return Types.raw(type) == UploadFile.class || Types.raw(Types.typeArgument(type, 0)) == UploadFile.class;
    }

    /**
     * The binder for {@code type}; {@code propertyName} spells Java names as the JSON naming
     * strategy does, {@code owner} names the parameter in startup errors.
     */
    public static FormBinder plan(Type type, UnaryOperator<String> propertyName, String owner) {
        Class<?> raw = Types.raw(type);
        if (raw == FormData.class) {
            return (form, errors) -> form;
        }
        if (raw == UploadFile.class) {
            return (form, errors) -> {
                List<UploadFile> files = form.files();
                if (files.isEmpty()) {
                    throw new ClientException("Expected a file upload in the multipart form, but it has none");
                }
                return files.get(0);
            };
        }
        if (raw == Optional.class && Types.raw(Types.typeArgument(type, 0)) == UploadFile.class) {
            return (form, errors) -> form.files().stream().findFirst();
        }
        if ((raw == List.class || raw == Collection.class)
                && Types.raw(Types.typeArgument(type, 0)) == UploadFile.class) {
            return (form, errors) -> form.files();
        }
        if (Map.class.isAssignableFrom(raw)) {
            return mapBinder(type, owner);
        }
        if (raw.isRecord()) {
            return recordBinder(raw, propertyName, owner);
        }
        if (!raw.isInterface()
                && !Modifier.isAbstract(raw.getModifiers())
                && !raw.isPrimitive()
                && !raw.isArray()
                && !raw.getName().startsWith("java.")) {
            return beanBinder(raw, propertyName, owner);
        }
        throw new ImproperlyConfiguredException(owner + " is a form body of type " + Types.describe(type)
                + ", which a form cannot fill; use a record or bean, Map<String, String>, Map<String, List<String>>,"
                + " Map<String, Object>, FormData, UploadFile or List<UploadFile>");
    }

    private static FormBinder mapBinder(Type type, String owner) {
        Type value = Types.typeArgument(type, 1);
        Class<?> valueRaw = Types.raw(value);
        boolean list = valueRaw == List.class || valueRaw == Collection.class;
        Class<?> element = list ? Types.raw(Types.typeArgument(value, 0)) : valueRaw;
        if (Types.raw(Types.typeArgument(type, 0)) != String.class
                || !(element == String.class || element == UploadFile.class || (element == Object.class && !list))) {
            throw new ImproperlyConfiguredException(owner + " is a form body of type " + Types.describe(type)
                    + "; a form map must be Map<String, String>, Map<String, List<String>>, Map<String, UploadFile>,"
                    + " Map<String, List<UploadFile>> or Map<String, Object>");
        }
        return (form, errors) -> {
            Map<String, Object> result = new LinkedHashMap<>();
            if (element == String.class) {
                form.fields().forEach((name, values) -> result.put(name, list ? values : values.get(0)));
            } else if (element == UploadFile.class) {
                form.filesByName().forEach((name, files) -> result.put(name, list ? files : files.get(0)));
            } else {
                // Object: text or file, a list only where the name repeats
                for (String name : form.names()) {
                    List<Object> values = new ArrayList<>(form.getAll(name));
                    values.addAll(form.files(name));
                    result.put(name, values.size() == 1 ? values.get(0) : List.copyOf(values));
                }
            }
            return java.util.Collections.unmodifiableMap(result);
        };
    }

    private static FormBinder recordBinder(Class<?> type, UnaryOperator<String> propertyName, String owner) {
        RecordComponent[] components = type.getRecordComponents();
        FormField[] fields = new FormField[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            fields[i] = FormField.plan(
                    propertyName.apply(name),
                    name,
                    components[i].getGenericType(),
                    true,
                    owner + " (" + type.getSimpleName() + ")");
            types[i] = components[i].getType();
        }
        MethodHandle constructor;
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            constructor = MethodHandles.lookup()
                    .unreflectConstructor(canonical)
                    .asSpreader(Object[].class, components.length)
                    .asType(MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ImproperlyConfiguredException(
                    owner + ": cannot use the constructor of record " + type.getName() + " to bind a form: " + e, e);
        }
        return (form, errors) -> {
            Object[] args = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                args[i] = fields[i].value(form, errors);
                if (args[i] == null && types[i].isPrimitive()) {
                    args[i] = defaultPrimitive(types[i]); // its error is recorded; the record is never used
                }
            }
            if (!errors.isEmpty()) {
                return null;
            }
            try {
                return (Object) constructor.invokeExact(args);
            } catch (RuntimeException refused) {
                // a compact constructor checking its arguments: the client's data, so a 400 as for JSON
                errors.add(new ValidationError(
                        "", refused.getMessage() == null ? refused.toString() : refused.getMessage(), "body"));
                return null;
            }
        };
    }

    private static Object defaultPrimitive(Class<?> type) {
        return java.lang.reflect.Array.get(java.lang.reflect.Array.newInstance(type, 1), 0);
    }

    /** A bean: its no-argument constructor, then a setter (or public field) per field the form sent. */
    private static FormBinder beanBinder(Class<?> type, UnaryOperator<String> propertyName, String owner) {
        MethodHandle constructor;
        try {
            Constructor<?> noArgs = type.getDeclaredConstructor();
            noArgs.setAccessible(true);
            constructor =
                    MethodHandles.lookup().unreflectConstructor(noArgs).asType(MethodType.methodType(Object.class));
        } catch (NoSuchMethodException e) {
            throw new ImproperlyConfiguredException(owner + ": " + type.getName() + " needs a no-argument constructor"
                    + " to be bound from a form (or make it a record)");
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ImproperlyConfiguredException(owner + ": cannot create " + type.getName() + ": " + e, e);
        }
        List<FormField> fields = new ArrayList<>();
        List<MethodHandle> setters = new ArrayList<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (Method method : type.getMethods()) {
            if (method.getName().length() > 3
                    && method.getName().startsWith("set")
                    && method.getParameterCount() == 1
                    && !Modifier.isStatic(method.getModifiers())) {
                String name = Character.toLowerCase(method.getName().charAt(3))
                        + method.getName().substring(4);
                if (seen.putIfAbsent(name, true) == null) {
                    fields.add(FormField.plan(
                            propertyName.apply(name),
                            name,
                            method.getGenericParameterTypes()[0],
                            false,
                            owner + " (" + type.getSimpleName() + ")"));
                    setters.add(setter(method, owner));
                }
            }
        }
        for (Field field : type.getFields()) {
            int modifiers = field.getModifiers();
            if (!Modifier.isStatic(modifiers)
                    && !Modifier.isFinal(modifiers)
                    && seen.putIfAbsent(field.getName(), true) == null) {
                fields.add(FormField.plan(
                        propertyName.apply(field.getName()),
                        field.getName(),
                        field.getGenericType(),
                        false,
                        owner + " (" + type.getSimpleName() + ")"));
                try {
                    setters.add(MethodHandles.lookup()
                            .unreflectSetter(field)
                            .asType(MethodType.methodType(void.class, Object.class, Object.class)));
                } catch (IllegalAccessException e) {
                    throw new ImproperlyConfiguredException(owner + ": cannot set field " + field + ": " + e, e);
                }
            }
        }
        if (fields.isEmpty()) {
            throw new ImproperlyConfiguredException(
                    owner + ": " + type.getName() + " has no setters or public fields" + " a form could fill");
        }
        FormField[] planned = fields.toArray(FormField[]::new);
        MethodHandle[] handles = setters.toArray(MethodHandle[]::new);
        return (form, errors) -> {
            Object bean = (Object) constructor.invokeExact();
            for (int i = 0; i < planned.length; i++) {
                if (planned[i].present(form)) {
                    Object value = planned[i].value(form, errors);
                    if (value != null) {
                        try {
                            handles[i].invokeExact(bean, value);
                        } catch (RuntimeException refused) {
                            errors.add(new ValidationError(
                                    planned[i].key(),
                                    refused.getMessage() == null ? refused.toString() : refused.getMessage(),
                                    "body"));
                        }
                    }
                }
            }
            return errors.isEmpty() ? bean : null;
        };
    }

    private static MethodHandle setter(Method method, String owner) {
        try {
            method.setAccessible(true);
            return MethodHandles.lookup()
                    .unreflect(method)
                    .asType(MethodType.methodType(void.class, Object.class, Object.class));
        } catch (IllegalAccessException | RuntimeException e) {
            throw new ImproperlyConfiguredException(owner + ": cannot call " + method + ": " + e, e);
        }
    }
}

package dev.rigel.internal.invoke;

import java.io.Serializable;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandleInfo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds {@link CallableSpec}s from methods, constructors and lambdas. All reflection happens
 * here, at startup; the resulting invokers use method handles.
 */
public final class Callables {

    private static final Annotation[] NO_ANNOTATIONS = new Annotation[0];

    private Callables() {}

    /** A method on {@code target} (null for static methods). */
    public static CallableSpec fromMethod(Object target, Method method) {
        MethodHandle handle;
        try {
            method.setAccessible(true);
            handle = MethodHandles.lookup().unreflect(method);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Rigel cannot call " + describe(method) + ": " + e.getMessage(), e);
        }
        if (!Modifier.isStatic(method.getModifiers())) {
            handle = handle.bindTo(target);
        }
        return new CallableSpec(
                describe(method),
                params(method),
                method.getGenericReturnType(),
                spread(handle, method.getParameterCount()),
                method,
                target,
                false);
    }

    public static CallableSpec fromConstructor(Constructor<?> constructor) {
        MethodHandle handle;
        try {
            constructor.setAccessible(true);
            handle = MethodHandles.lookup().unreflectConstructor(constructor);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(
                    "Rigel cannot call the constructor of "
                            + constructor.getDeclaringClass().getName() + ": " + e.getMessage(),
                    e);
        }
        return new CallableSpec(
                "new " + constructor.getDeclaringClass().getSimpleName() + "(…)",
                params(constructor),
                constructor.getDeclaringClass(),
                spread(handle, constructor.getParameterCount()),
                constructor,
                null,
                false);
    }

    /**
     * A lambda or method reference whose functional interface is {@link Serializable}. Parameter
     * names and types come from the method the lambda points at; {@code invoker} calls the lambda
     * object itself, so no reflection happens per call.
     */
    public static CallableSpec fromLambda(Serializable lambda, int arity, Invoker invoker) {
        SerializedLambda serialized = serialized(lambda);
        Class<?> implClass;
        try {
            implClass = Class.forName(
                    serialized.getImplClass().replace('/', '.'),
                    false,
                    lambda.getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Cannot load " + serialized.getImplClass(), e);
        }
        String implName = serialized.getImplMethodName();
        String signature = serialized.getImplMethodSignature();
        Executable impl = findImpl(implClass, implName, signature);
        // javac names the synthetic method behind a lambda body lambda$…; a method reference keeps its own name
        boolean lambdaBody = implName.startsWith("lambda$");
        boolean receiverFirst = serialized.getImplMethodKind() == MethodHandleInfo.REF_invokeVirtual
                || serialized.getImplMethodKind() == MethodHandleInfo.REF_invokeInterface
                || serialized.getImplMethodKind() == MethodHandleInfo.REF_invokeSpecial && !lambdaBody;

        List<ParamSpec> all = new ArrayList<>();
        if (receiverFirst) {
            all.add(new ParamSpec(0, null, implClass, NO_ANNOTATIONS));
        }
        Parameter[] parameters = impl.getParameters();
        Type[] generic = impl.getGenericParameterTypes();
        Annotation[][] annotations = impl.getParameterAnnotations();
        // javac may leave synthetic parameters out of the generic signature; fall back to erased types then
        boolean genericUsable = generic.length == parameters.length;
        // (a body without parameters needs no class file read: most of an app's `() -> …` routes)
        String[] lambdaNames = lambdaBody && impl instanceof Method method && method.getParameterCount() > 0
                ? LambdaParameterNames.read(method)
                : null;
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            String name = lambdaBody
                    ? (lambdaNames == null ? null : lambdaNames[i])
                    : parameter.isNamePresent() ? parameter.getName() : null;
            Type type = genericUsable ? generic[i] : parameter.getType();
            Annotation[] paramAnnotations = i < annotations.length ? annotations[i] : NO_ANNOTATIONS;
            all.add(new ParamSpec(0, name, type, paramAnnotations));
        }
        List<ParamSpec> functional = new ArrayList<>(arity);
        int first = all.size() - arity;
        if (first < 0) {
            throw new IllegalStateException("Cannot read the parameters of " + implClass.getName() + "." + implName);
        }
        for (int i = first; i < all.size(); i++) {
            ParamSpec spec = all.get(i);
            functional.add(new ParamSpec(i - first, spec.name(), spec.type(), spec.annotations()));
        }
        Type returnType = impl instanceof Method method ? method.getGenericReturnType() : implClass;
        String description = lambdaBody
                ? "lambda in " + implClass.getSimpleName()
                : implClass.getSimpleName() + "::" + (implName.equals("<init>") ? "new" : implName);
        // a bound method reference (obj::method) captured its receiver, which validation of its parameters needs
        Object receiver = receiverFirst && serialized.getCapturedArgCount() > 0 ? serialized.getCapturedArg(0) : null;
        Executable validatable = lambdaBody || receiverFirst && receiver == null ? null : impl;
        return new CallableSpec(
                description, List.copyOf(functional), returnType, invoker, validatable, receiver, lambdaBody);
    }

    private static SerializedLambda serialized(Serializable lambda) {
        Class<?> type = lambda.getClass();
        try {
            Method writeReplace = type.getDeclaredMethod("writeReplace");
            writeReplace.setAccessible(true);
            Object replacement = writeReplace.invoke(lambda);
            if (replacement instanceof SerializedLambda serializedLambda) {
                return serializedLambda;
            }
        } catch (java.lang.reflect.InaccessibleObjectException e) {
            // a lambda of a named module that does not open its package to Rigel
            throw new IllegalArgumentException(
                    "Rigel cannot read the lambda or method reference "
                            + type.getName() + ": its module "
                            + type.getModule().getName() + " does not open package "
                            + type.getPackageName() + " to dev.rigel.core; add `opens " + type.getPackageName()
                            + " to dev.rigel.core;` to its module-info.java",
                    e);
        } catch (ReflectiveOperationException | RuntimeException ignored) {
            // fall through: not a lambda (an ordinary class implementing the interface)
        }
        throw new IllegalArgumentException(
                type.getName() + " is not a lambda or method reference; pass a lambda, a method reference, or a class");
    }

    private static Executable findImpl(Class<?> implClass, String name, String signature) {
        if (name.equals("<init>")) {
            for (Constructor<?> constructor : implClass.getDeclaredConstructors()) {
                if (descriptor(constructor.getParameterTypes(), void.class).equals(signature)) {
                    return constructor;
                }
            }
        } else {
            for (Class<?> cls = implClass; cls != null; cls = cls.getSuperclass()) {
                for (Method method : cls.getDeclaredMethods()) {
                    if (method.getName().equals(name)
                            && descriptor(method.getParameterTypes(), method.getReturnType())
                                    .equals(signature)) {
                        return method;
                    }
                }
            }
            for (Class<?> iface : implClass.getInterfaces()) {
                for (Method method : iface.getMethods()) {
                    if (method.getName().equals(name)
                            && descriptor(method.getParameterTypes(), method.getReturnType())
                                    .equals(signature)) {
                        return method;
                    }
                }
            }
        }
        throw new IllegalStateException("Cannot find " + implClass.getName() + "." + name + signature);
    }

    private static String descriptor(Class<?>[] parameterTypes, Class<?> returnType) {
        return MethodType.methodType(returnType, parameterTypes).toMethodDescriptorString();
    }

    private static List<ParamSpec> params(Executable executable) {
        Parameter[] parameters = executable.getParameters();
        Type[] generic = executable.getGenericParameterTypes();
        boolean genericUsable = generic.length == parameters.length;
        List<ParamSpec> specs = new ArrayList<>(parameters.length);
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            specs.add(new ParamSpec(
                    i,
                    parameter.isNamePresent() ? parameter.getName() : null,
                    genericUsable ? generic[i] : parameter.getType(),
                    parameter.getAnnotations()));
        }
        return List.copyOf(specs);
    }

    private static Invoker spread(MethodHandle handle, int arity) {
        MethodHandle spread =
                handle.asSpreader(Object[].class, arity).asType(MethodType.methodType(Object.class, Object[].class));
        return args -> (Object) spread.invokeExact(args);
    }

    public static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }
}

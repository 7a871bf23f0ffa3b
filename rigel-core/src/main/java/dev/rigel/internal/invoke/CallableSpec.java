package dev.rigel.internal.invoke;

import java.lang.reflect.Executable;
import java.lang.reflect.Type;
import java.util.List;

/**
 * What Rigel learned, once at startup, about something it will call per request: its parameters,
 * its return type (erased for lambdas, whose generic signature javac does not keep), and how to
 * invoke it without reflection. {@code executable} is the method or constructor behind it, when
 * there is one (used for Bean Validation of parameters).
 */
public record CallableSpec(
        String description,
        List<ParamSpec> params,
        Type returnType,
        Invoker invoker,
        Executable executable,
        Object target,
        boolean lambdaBody) {

    public int arity() {
        return params.size();
    }

    /**
     * What the call's result stands for: the {@code T} of a declared {@code CompletionStage<T>} (or
     * {@code CompletableFuture<T>}, Object when raw), whose value is the answer once it completes;
     * otherwise the declared return type itself.
     */
    public Type resultType() {
        return java.util.concurrent.CompletionStage.class.isAssignableFrom(Types.raw(returnType))
                ? Types.typeArgument(returnType, 0)
                : returnType;
    }

    /** This callable described by its {@link #resultType()}: what responses and documents are planned from. */
    public CallableSpec resolvedResult() {
        Type result = resultType();
        return result == returnType
                ? this
                : new CallableSpec(description, params, result, invoker, executable, target, lambdaBody);
    }
}

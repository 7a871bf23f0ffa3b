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

    /** This callable described as returning {@code type}: what an asynchronous handler's answer is planned from. */
    public CallableSpec withReturnType(Type type) {
        return type == returnType
                ? this
                : new CallableSpec(description, params, type, invoker, executable, target, lambdaBody);
    }
}

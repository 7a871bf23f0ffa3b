package dev.rigel.problem;

import dev.rigel.exceptions.HttpException;
import dev.rigel.exceptions.ValidationException;
import dev.rigel.http.ExceptionHandler;
import dev.rigel.http.Request;
import dev.rigel.http.Response;
import java.util.Map;
import java.util.function.Function;

/** Answers the exceptions a {@link ProblemDetailsConfig} covers with problem details; declines the rest. */
final class ProblemDetailsHandler implements ExceptionHandler {

    private final boolean allHttpExceptions;
    private final Map<Class<? extends Throwable>, Function<Throwable, ProblemDetailsException>> converters;

    ProblemDetailsHandler(
            boolean allHttpExceptions,
            Map<Class<? extends Throwable>, Function<Throwable, ProblemDetailsException>> converters) {
        this.allHttpExceptions = allHttpExceptions;
        this.converters = converters;
    }

    @Override
    public Response<?> handle(Request request, Throwable exception) {
        ProblemDetailsException problem = problemOf(exception);
        if (problem == null) {
            return null;
        }
        Response<Map<String, Object>> response = Response.of(problem.toProblem())
                .status(problem.statusCode())
                .mediaType(ProblemDetailsConfig.MEDIA_TYPE);
        for (Map.Entry<String, String> header : problem.headers().entrySet()) {
            response = response.header(header.getKey(), header.getValue());
        }
        return response;
    }

    private ProblemDetailsException problemOf(Throwable exception) {
        if (exception instanceof ProblemDetailsException problem) {
            return problem;
        }
        for (Class<?> type = exception.getClass(); type != null; type = type.getSuperclass()) {
            Function<Throwable, ProblemDetailsException> converter = converters.get(type);
            if (converter != null) {
                return converter.apply(exception);
            }
        }
        if (allHttpExceptions && exception instanceof HttpException http) {
            return fromHttpException(http);
        }
        return null;
    }

    /**
     * An {@link HttpException} as problem details. A 5xx says no more than its status: its detail
     * may name internals (a host, a query), and the client can do nothing with them.
     */
    static ProblemDetailsException fromHttpException(HttpException http) {
        int status = http.statusCode();
        boolean serverError = status >= 500;
        String reason = dev.rigel.spi.StatusReasons.reason(status);
        String detail = serverError || http.detail().equals(reason) ? null : http.detail();
        ProblemDetailsException problem = new ProblemDetailsException(status, detail, http.headers());
        Object extra = http.extra();
        if (serverError || extra == null) {
            return problem;
        }
        if (http instanceof ValidationException) {
            problem.extension("errors", extra);
        } else if (extra instanceof Map<?, ?> members) {
            members.forEach((name, value) -> {
                String member = String.valueOf(name);
                if (!ProblemDetailsException.STANDARD_MEMBERS.contains(member)) {
                    problem.extension(member, value);
                }
            });
        } else {
            problem.extension("extra", extra);
        }
        return problem;
    }
}

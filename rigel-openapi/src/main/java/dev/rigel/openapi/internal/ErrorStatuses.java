package dev.rigel.openapi.internal;

import dev.rigel.annotation.Operation;
import dev.rigel.exceptions.ClientException;
import dev.rigel.exceptions.ConflictException;
import dev.rigel.exceptions.HttpException;
import dev.rigel.exceptions.InternalServerException;
import dev.rigel.exceptions.MethodNotAllowedException;
import dev.rigel.exceptions.NotAuthorizedException;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.exceptions.PermissionDeniedException;
import dev.rigel.exceptions.PreconditionFailedException;
import dev.rigel.exceptions.RequestEntityTooLargeException;
import dev.rigel.exceptions.ServiceUnavailableException;
import dev.rigel.exceptions.TooManyRequestsException;
import dev.rigel.exceptions.UnsupportedMediaTypeException;
import dev.rigel.exceptions.ValidationException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The error statuses a handler declares: the HTTP exceptions of its {@code throws} clause and of
 * {@link Operation#raises()}, each mapped to the status of the nearest built-in exception it
 * extends ({@code class UserGone extends NotFoundException} → 404). An exception whose status is
 * only known when it is made ({@code new HttpException(418, …)}) has none to document.
 */
public final class ErrorStatuses {

    // the built-in exceptions whose constructors without a status always use this one
    private static final Map<Class<?>, Integer> STATUS = Map.ofEntries(
            Map.entry(ValidationException.class, 400),
            Map.entry(ClientException.class, 400),
            Map.entry(NotAuthorizedException.class, 401),
            Map.entry(PermissionDeniedException.class, 403),
            Map.entry(NotFoundException.class, 404),
            Map.entry(MethodNotAllowedException.class, 405),
            Map.entry(ConflictException.class, 409),
            Map.entry(PreconditionFailedException.class, 412),
            Map.entry(RequestEntityTooLargeException.class, 413),
            Map.entry(UnsupportedMediaTypeException.class, 415),
            Map.entry(TooManyRequestsException.class, 429),
            Map.entry(InternalServerException.class, 500),
            Map.entry(ServiceUnavailableException.class, 503));

    private ErrorStatuses() {}

    /** The statuses {@code handler} declares, ascending and without repeats. */
    public static List<Integer> declared(Method handler, Operation described) {
        List<Class<?>> raised = new ArrayList<>(List.of(handler.getExceptionTypes()));
        if (described != null) {
            raised.addAll(List.of(described.raises()));
        }
        TreeSet<Integer> statuses = new TreeSet<>();
        for (Class<?> type : raised) {
            Integer status = statusOf(type);
            if (status != null) {
                statuses.add(status);
            }
        }
        return List.copyOf(statuses);
    }

    /** The status of the nearest built-in exception {@code type} is or extends; null for none. */
    static Integer statusOf(Class<?> type) {
        for (Class<?> c = type; c != null && HttpException.class.isAssignableFrom(c); c = c.getSuperclass()) {
            Integer status = STATUS.get(c);
            if (status != null) {
                return status;
            }
        }
        return null;
    }
}

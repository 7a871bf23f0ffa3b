package dev.rigel.dto;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import dev.rigel.exceptions.ValidationError;
import dev.rigel.exceptions.ValidationException;
import dev.rigel.internal.json.JsonCodec;
import dev.rigel.internal.json.TypeIds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Per-decode state: the problems found so far (every bad field is reported, not just the first),
 * and Jackson's deserialization context, made only when a plain value needs it.
 */
final class DecodeState {

    /** Returned by a field reader for a value that was reported as an error and not kept. */
    static final Object INVALID = new Object();

    private final JsonBridge json;
    private final String method;
    private final String path;
    private DeserializationContext context;
    private List<ValidationError> errors;

    /** {@code method}/{@code path} name the request in error details; null outside a request. */
    DecodeState(JsonBridge json, String method, String path) {
        this.json = json;
        this.method = method;
        this.path = path;
    }

    DeserializationContext context(JsonParser parser) {
        DeserializationContext current = context;
        if (current == null) {
            current = json.newContext(parser);
            context = current;
        }
        return current;
    }

    void error(String key, String message) {
        if (errors == null) {
            errors = new ArrayList<>();
        }
        errors.add(new ValidationError(key, message, "body"));
    }

    boolean hasErrors() {
        return errors != null;
    }

    /**
     * Reports a value Jackson refused and moves the parser past it, so the rest of the body is still
     * checked. {@code started} is the token the value began with and {@code at} the parsing context
     * then. Broken JSON is no field's fault: it ends decoding with the core's 400 for malformed bodies.
     */
    Object refused(JsonParser parser, JacksonException failure, String key, JsonToken started, JsonStreamContext at)
            throws IOException {
        if (failure instanceof InputCoercionException coercion) {
            error(key, "number out of range for " + coercion.getTargetType().getSimpleName());
        } else if (failure instanceof StreamReadException broken) {
            throw JsonCodec.malformed(broken);
        } else if (failure instanceof JsonMappingException mapping) {
            if (mapping.getCause() instanceof StreamReadException broken
                    && !(broken instanceof InputCoercionException)) {
                throw JsonCodec.malformed(broken);
            }
            if (mapping instanceof InvalidTypeIdException typeId) {
                error(TypeIds.key(key + relativePath(mapping), typeId), TypeIds.message(typeId));
            } else {
                error(key, JsonCodec.mismatchMessage(mapping));
            }
        } else {
            throw JsonCodec.malformed(failure);
        }
        // a refused object or array may have been read part-way: skip to where the value ends
        JsonStreamContext owner = started != null && started.isStructStart() ? at.getParent() : at;
        while (parser.getParsingContext() != owner) {
            if (parser.nextToken() == null) {
                throw failed();
            }
        }
        return INVALID;
    }

    /** Where inside a field's value the mapper failed ({@code .1} for the second item of a list). */
    private static String relativePath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            path.append('.').append(reference.getFieldName() != null ? reference.getFieldName() : reference.getIndex());
        }
        return path.toString();
    }

    /** Throws the collected problems, if any, as the core's 400. */
    void throwIfFailed() {
        if (errors != null) {
            throw failed();
        }
    }

    private ValidationException failed() {
        List<ValidationError> sorted = errors == null ? List.of() : new ArrayList<>(errors);
        // the order fields arrive in is the client's; a stable order is easier to read and test
        sorted = sorted.stream()
                .sorted(Comparator.comparing(ValidationError::key).thenComparing(ValidationError::message))
                .toList();
        return method == null
                ? new ValidationException("Validation failed", sorted)
                : ValidationException.forRequest(method, path, sorted);
    }
}

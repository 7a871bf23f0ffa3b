package dev.rigel.dto;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.lang.reflect.Type;

/**
 * Writes values of one declared type through a DTO, compiled once by {@link
 * DTOCodec#encoderFor(Type)}: every value of the DTO's model found where the type puts it goes
 * through the DTO, everything else is written as the app's JSON mapper writes it. Thread-safe.
 */
public interface DTOEncoder {

    /** The type this encoder was compiled for, e.g. {@code Envelope<User>}. */
    Type type();

    /** {@code value} (an instance of {@link #type()}) as JSON. */
    byte[] encode(Object value);

    /** Writes {@code value} as one JSON value to {@code generator} (e.g. inside a larger document). */
    void write(Object value, JsonGenerator generator) throws IOException;
}

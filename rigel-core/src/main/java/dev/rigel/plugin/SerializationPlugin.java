package dev.rigel.plugin;

import com.fasterxml.jackson.databind.Module;
import java.util.Map;
import java.util.function.Function;

/**
 * Teaches the app a type it cannot encode or decode on its own (Litestar's type encoders and
 * decoders). Its Jackson {@link #jacksonModule() module} is registered on the app's mapper when
 * the app is built, so the type works in request bodies and in responses (and wherever the app
 * uses JSON). Types listed in {@link #textDecoders()} can also be bound from one text value:
 * path, query, header and cookie parameters, single or in {@code Optional}/{@code List}/{@code Set}.
 *
 * <p>For a type with a text form, {@link #ofText} does both in one line:
 * <pre>{@code
 * App.builder().plugins(SerializationPlugin.ofText(Money.class, Money::toString, Money::parse))
 * // Money now works in JSON bodies and responses ("12.50 EUR"), and as ?price=12.50%20EUR
 * }</pre>
 *
 * Order: plugin modules are registered in plugin order before the app's own
 * {@code App.Builder.json(…)} customizers run, so the app has the last word (for Jackson, the
 * module registered last wins for a type). A text decoder wins over Rigel's built-in conversion
 * for the same type. A value a decoder refuses (any runtime exception, or null) is the client's
 * error: a 400 naming the parameter for query, header and cookie values, a 404 for a path value
 * (as for every path value that does not convert), and a 400 validation error for a body field.
 */
public interface SerializationPlugin extends Plugin {

    /** Serializers, deserializers, mix-ins… for the app's JSON mapper. */
    Module jacksonModule();

    /**
     * Parsers for types that may be bound from a single text value, by exact type. None by
     * default: such a type then works in bodies and responses only.
     */
    default Map<Class<?>, Function<String, ?>> textDecoders() {
        return Map.of();
    }

    /**
     * A plugin for a type with a text form: JSON encodes it as a string through {@code encoder}
     * and decodes a JSON string through {@code decoder}, which also binds path, query, header and
     * cookie values of the type.
     */
    static <T> SerializationPlugin ofText(
            Class<T> type, Function<? super T, String> encoder, Function<String, ? extends T> decoder) {
        return new TextTypePlugin<>(type, encoder, decoder);
    }
}

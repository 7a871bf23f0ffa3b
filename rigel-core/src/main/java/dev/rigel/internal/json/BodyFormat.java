package dev.rigel.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A body format besides JSON that a plugin gave the app (MessagePack, CBOR, …): its media types
 * and a mapper on the format's Jackson factory made as the JSON one is (Rigel's settings, the
 * plugins' modules, the app's customizers), so naming and value formats are the same. Readers by
 * type are made on first use.
 */
public final class BodyFormat {

    private final String name;
    private final String mediaType;
    /** Every media type (essence, lower case) read as this format; the first is {@link #mediaType}. */
    private final List<String> accepted;

    private final ObjectMapper mapper;
    private final Map<JavaType, ObjectReader> readers = new ConcurrentHashMap<>();

    BodyFormat(String name, String mediaType, List<String> aliases, ObjectMapper mapper) {
        this.name = name;
        this.mediaType = mediaType;
        this.accepted = java.util.stream.Stream.concat(java.util.stream.Stream.of(mediaType), aliases.stream())
                .map(type -> type.toLowerCase(Locale.ROOT))
                .toList();
        this.mapper = mapper;
    }

    /** A name for messages to clients ({@code MessagePack}). */
    public String name() {
        return name;
    }

    /** The media type responses in this format are sent with. */
    public String mediaType() {
        return mediaType;
    }

    /** The media types a request body or {@code Accept} may name it by, the main one first. */
    public List<String> accepted() {
        return accepted;
    }

    public JsonFactory factory() {
        return mapper.getFactory();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    ObjectReader reader(JavaType type) {
        // the caller checks for trailing content itself: some binary parsers end their input with an
        // EOF exception, which Jackson's own check would take for broken input
        return readers.computeIfAbsent(
                type,
                wanted -> mapper.readerFor(wanted)
                        .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
    }

    /** Whether a {@code Content-Type} essence (lower case) names this format. */
    boolean reads(String essence) {
        return accepted.contains(essence);
    }
}

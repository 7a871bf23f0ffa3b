package dev.rigel.dto;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.rigel.exceptions.ClientException;
import dev.rigel.internal.json.JsonBodies;
import dev.rigel.internal.json.JsonCodec;
import dev.rigel.pagination.OffsetPagination;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A DTO compiled for one JSON mapper: encodes with the outbound plan straight to a Jackson
 * generator and decodes with the inbound plan straight from a Jackson parser. Immutable and
 * thread-safe; per-call state lives in {@link EncodeState} and {@link DecodeState}.
 */
final class CompiledDTO<T> implements DTOCodec<T> {

    private static final int ONE = 0;
    private static final int ALL = 1;
    private static final int PAGE = 2;

    private final Class<T> modelType;
    private final String name;
    private final JsonBridge json;
    private final OutObject out;
    private final InObject in;
    private final boolean rejectTrailingTokens;
    private final boolean skipNulls;
    private final SerializedString items;
    private final SerializedString limit;
    private final SerializedString offset;
    private final SerializedString total;
    /** The format bodies are read and written in: null for JSON (the app mapper's own factory). */
    private final JsonFactory format;
    /** The format's name, for messages to clients ({@code JSON}, {@code MessagePack}). */
    private final String formatName;
    /** This DTO in other formats, made once each (only the JSON original keeps them). */
    private final java.util.Map<JsonFactory, CompiledDTO<T>> inFormats = new java.util.concurrent.ConcurrentHashMap<>();
    /** how each fixed shape is written, made once so an encode call allocates no lambda */
    private final Body one;

    private final Body all;
    private final Body page;

    CompiledDTO(
            Class<T> modelType,
            String name,
            JsonBridge json,
            OutObject out,
            InObject in,
            UnaryOperator<String> appNames,
            boolean skipNulls) {
        this.modelType = modelType;
        this.name = name;
        this.json = json;
        this.out = out;
        this.in = in;
        this.rejectTrailingTokens = json.mapper.isEnabled(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.skipNulls = skipNulls;
        // a page is written as the app's mapper would write the record: its naming applies
        this.items = new SerializedString(appNames.apply("items"));
        this.limit = new SerializedString(appNames.apply("limit"));
        this.offset = new SerializedString(appNames.apply("offset"));
        this.total = new SerializedString(appNames.apply("total"));
        this.one = out::write;
        this.all = (value, generator, state) -> out.writeArray((Iterable<?>) value, generator, state);
        this.page = (value, generator, state) -> writePage((OffsetPagination<?>) value, generator, state);
        this.format = null;
        this.formatName = "JSON";
    }

    /** {@code original} reading and writing {@code format} instead of JSON. */
    private CompiledDTO(CompiledDTO<T> original, JsonFactory format, String formatName) {
        this.modelType = original.modelType;
        this.name = original.name;
        this.json = original.json;
        this.out = original.out;
        this.in = original.in;
        this.rejectTrailingTokens = original.rejectTrailingTokens;
        this.skipNulls = original.skipNulls;
        this.items = original.items;
        this.limit = original.limit;
        this.offset = original.offset;
        this.total = original.total;
        this.format = format;
        this.formatName = formatName;
        this.one = original.one;
        this.all = original.all;
        this.page = original.page;
    }

    @Override
    public DTOCodec<T> withFormat(JsonFactory factory, String formatName) {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(formatName, "formatName");
        if (format != null) {
            throw new IllegalStateException(name + " already reads and writes " + this.formatName);
        }
        return inFormats.computeIfAbsent(factory, f -> new CompiledDTO<>(this, f, formatName));
    }

    @Override
    public Class<T> modelType() {
        return modelType;
    }

    @Override
    public String toString() {
        return name;
    }

    // ---- encoding ----

    @Override
    public byte[] encode(T value) {
        return bytes(ONE, Objects.requireNonNull(value, "value"));
    }

    @Override
    public byte[] encodeAll(Collection<? extends T> values) {
        return bytes(ALL, Objects.requireNonNull(values, "values"));
    }

    @Override
    public byte[] encodePage(OffsetPagination<? extends T> page) {
        return bytes(PAGE, Objects.requireNonNull(page, "page"));
    }

    @Override
    public void write(T value, JsonGenerator generator) throws IOException {
        out.write(value, generator, new EncodeState(json));
    }

    @Override
    public DTOEncoder encoderFor(Type type) {
        TypeWriter writer = TypePlanner.plan(json, modelType, out, skipNulls, Objects.requireNonNull(type, "type"));
        Body body = writer::write;
        return new DTOEncoder() {
            @Override
            public Type type() {
                return type;
            }

            @Override
            public byte[] encode(Object value) {
                return bytes(Objects.requireNonNull(value, "value"), body);
            }

            @Override
            public void write(Object value, JsonGenerator generator) throws IOException {
                writer.writeNullable(value, generator, new EncodeState(json));
            }

            @Override
            public String toString() {
                return name + " for " + type.getTypeName();
            }
        };
    }

    private byte[] bytes(int shape, Object value) {
        return bytes(value, shape == ONE ? one : shape == ALL ? all : page);
    }

    /** How one encode call writes its value. */
    @FunctionalInterface
    private interface Body {
        void write(Object value, JsonGenerator generator, EncodeState state) throws IOException;
    }

    private byte[] bytes(Object value, Body body) {
        if (format != null) {
            return formatBytes(value, body);
        }
        // as ObjectMapper.writeValueAsBytes: buffers from the mapper's recycler pool, returned after
        BufferRecycler recycler = json.mapper.getFactory()._getBufferRecycler();
        try (ByteArrayBuilder buffer = new ByteArrayBuilder(recycler)) {
            try (JsonGenerator generator = json.mapper.createGenerator(buffer, JsonEncoding.UTF8)) {
                body.write(value, generator, new EncodeState(json));
            }
            byte[] bytes = buffer.toByteArray();
            buffer.release();
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot encode " + value.getClass().getSimpleName() + " through " + name + ": " + e.getMessage(),
                    e);
        } finally {
            recycler.releaseToPool();
        }
    }

    /** {@link #bytes} in another format: its own generator, the same plan. */
    private byte[] formatBytes(Object value, Body body) {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream(256);
        try (JsonGenerator generator = format.createGenerator(buffer)) {
            body.write(value, generator, new EncodeState(json));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot encode " + value.getClass().getSimpleName() + " as " + formatName + " through " + name
                            + ": " + e.getMessage(),
                    e);
        }
        return buffer.toByteArray();
    }

    private void writePage(OffsetPagination<?> page, JsonGenerator generator, EncodeState state) throws IOException {
        generator.writeStartObject();
        generator.writeFieldName(items);
        out.writeArray(page.items(), generator, state);
        generator.writeFieldName(limit);
        generator.writeNumber(page.limit());
        generator.writeFieldName(offset);
        generator.writeNumber(page.offset());
        generator.writeFieldName(total);
        generator.writeNumber(page.total());
        generator.writeEndObject();
    }

    // ---- decoding ----

    @Override
    public DTOData<T> decode(byte[] body) {
        return decode(body, null, null);
    }

    @Override
    public List<DTOData<T>> decodeAll(byte[] body) {
        return decodeAll(body, null, null);
    }

    @Override
    @SuppressWarnings("unchecked")
    public DTOData<T> decode(byte[] body, String method, String path) {
        DecodeState state = new DecodeState(json, method, path);
        try (JsonParser parser = open(body)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT, "an object");
            DecodedObject decoded = in.read(parser, state, "");
            finish(parser, state);
            if (in.needsCheck) {
                in.check(decoded, "", state);
                state.throwIfFailed();
            }
            return (DTOData<T>) (DTOData<?>) decoded;
        } catch (StreamReadException e) {
            throw JsonCodec.malformed(formatName, e);
        } catch (IOException e) {
            throw new ClientException("Cannot read request body: " + e.getMessage());
        } catch (RuntimeException e) {
            throw brokenFormat(e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<DTOData<T>> decodeAll(byte[] body, String method, String path) {
        DecodeState state = new DecodeState(json, method, path);
        try (JsonParser parser = open(body)) {
            expect(parser.nextToken(), JsonToken.START_ARRAY, "an array");
            List<DecodedObject> decoded = new ArrayList<>();
            int index = 0;
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT) {
                    decoded.add(in.read(parser, state, index + "."));
                } else {
                    state.error(Integer.toString(index), "expected an object");
                    parser.skipChildren();
                }
                index++;
            }
            finish(parser, state);
            if (in.needsCheck) {
                for (int i = 0; i < decoded.size(); i++) {
                    in.check(decoded.get(i), i + ".", state);
                }
                state.throwIfFailed();
            }
            List<DTOData<T>> data = new ArrayList<>(decoded.size());
            for (DecodedObject object : decoded) {
                data.add((DTOData<T>) (DTOData<?>) object);
            }
            return data;
        } catch (StreamReadException e) {
            throw JsonCodec.malformed(formatName, e);
        } catch (IOException e) {
            throw new ClientException("Cannot read request body: " + e.getMessage());
        } catch (RuntimeException e) {
            throw brokenFormat(e);
        }
    }

    /**
     * A binary format's parser refuses broken input with unchecked exceptions of its own (Rigel's
     * own refusals, HTTP exceptions, pass): the client's error, like malformed JSON.
     */
    private RuntimeException brokenFormat(RuntimeException e) {
        if (format == null || e instanceof dev.rigel.exceptions.HttpException) {
            return e;
        }
        return new ClientException("Malformed " + formatName + " in request body");
    }

    private JsonParser open(byte[] body) throws IOException {
        if (body.length == 0) {
            throw new ClientException("Request body is empty; expected " + formatName);
        }
        if (format != null) {
            return format.createParser(body);
        }
        JsonBodies.requireUtf8(body);
        return json.mapper.createParser(body);
    }

    private void expect(JsonToken token, JsonToken wanted, String what) {
        if (token != wanted) {
            throw new ClientException("Invalid " + formatName + " body: expected " + what + ", got " + describe(token));
        }
    }

    /** After the value: nothing but whitespace may follow (when the mapper says so), then report problems. */
    private void finish(JsonParser parser, DecodeState state) throws IOException {
        if (rejectTrailingTokens && (format == null ? parser.nextToken() != null : JsonCodec.followedByMore(parser))) {
            throw new ClientException(
                    "Invalid " + formatName + " body: more content follows the " + formatName + " value");
        }
        state.throwIfFailed();
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        return switch (token) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    // ---- description ----

    @Override
    public DTODescription describe(DTODescription.Direction direction) {
        return direction == DTODescription.Direction.INBOUND ? in.description() : out.description();
    }
}

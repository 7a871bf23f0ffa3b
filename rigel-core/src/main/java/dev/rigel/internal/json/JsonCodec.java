package dev.rigel.internal.json;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.rigel.exceptions.ClientException;
import dev.rigel.exceptions.HttpException;
import dev.rigel.exceptions.ValidationError;
import dev.rigel.exceptions.ValidationException;
import dev.rigel.internal.invoke.Types;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rigel's JSON encoding and decoding, on Jackson. One instance per app; readers and writers for
 * route types are prepared at startup and are thread-safe.
 */
public final class JsonCodec {

    private static final Pattern QUOTED = Pattern.compile("`[^`]+`");
    private static final Pattern QUALIFIER = Pattern.compile("\\b(?:[A-Za-z_]\\w*[.$])+(?=\\w)");
    private static final Pattern CONFIG_HINT =
            Pattern.compile(" \\((?:set|enable|disable) [^)]*(?:Feature|Config)[^)]*\\)");

    private final ObjectMapper mapper;
    private final Consumer<ObjectMapper> customizer;
    /** Body formats besides JSON, in registration order; empty for most apps. */
    private List<BodyFormat> formats = List.of();
    /** For Accept negotiation: JSON first (so ties and wildcards pick it), then each format's types. */
    private String[] offers = {"application/json"};

    public JsonCodec(Consumer<ObjectMapper> customizer) {
        // per thread on the event loops, shared among virtual threads (see BufferRecyclerPool)
        com.fasterxml.jackson.core.JsonFactory factory = com.fasterxml.jackson.core.JsonFactory.builder()
                .recyclerPool(new BufferRecyclerPool())
                .build();
        this.customizer = customizer;
        this.mapper = configured(factory, customizer);
    }

    /**
     * Rigel's mapper settings on {@code factory}, then the app's customizers: the JSON mapper, and
     * each other body format's (Jackson cannot re-make a {@code JsonMapper} on another factory).
     */
    private static ObjectMapper configured(
            com.fasterxml.jackson.core.JsonFactory factory, Consumer<ObjectMapper> customizer) {
        ObjectMapper configured = JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .addModule(SealedTypes.module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // error details name line and column but never echo the client's bytes back
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                // {"role":"user","role":"admin"}: which one counts must not depend on the parser
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        if (customizer != null) {
            customizer.accept(configured);
        }
        return configured;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /**
     * {@code module} under an identity of its own: Jackson skips a module whose type id (for a
     * named {@code SimpleModule}, its name) it has seen, and a layer's encoder for a type must
     * register even when the app has one of the same name.
     */
    private static com.fasterxml.jackson.databind.Module registeredAgain(com.fasterxml.jackson.databind.Module module) {
        return new com.fasterxml.jackson.databind.Module() {
            @Override
            public String getModuleName() {
                return module.getModuleName();
            }

            @Override
            public com.fasterxml.jackson.core.Version version() {
                return module.version();
            }

            @Override
            public Object getTypeId() {
                return this;
            }

            @Override
            public void setupModule(SetupContext context) {
                module.setupModule(context);
            }
        };
    }

    /**
     * This codec with {@code modules} registered after everything else (so they win for their
     * types), body formats included: the JSON of a route whose layers add type encoders.
     */
    public JsonCodec withModules(List<com.fasterxml.jackson.databind.Module> modules) {
        Consumer<ObjectMapper> base = customizer == null ? mapper -> {} : customizer;
        JsonCodec layered = new JsonCodec(
                base.andThen(mapper -> modules.forEach(module -> mapper.registerModule(registeredAgain(module)))));
        for (BodyFormat format : formats) {
            List<String> accepted = format.accepted();
            // a factory belongs to one mapper (it holds it as its codec), so each mapper gets a copy
            layered.addFormat(
                    format.name(),
                    format.mediaType(),
                    accepted.subList(1, accepted.size()),
                    format.factory().copy());
        }
        return layered;
    }

    /**
     * Adds a body format besides JSON (at startup, before any request): bodies declared with one
     * of its media types are read with it, and responses go out in it when {@code Accept} prefers it.
     */
    public void addFormat(
            String name, String mediaType, List<String> aliases, com.fasterxml.jackson.core.JsonFactory factory) {
        java.util.ArrayList<BodyFormat> all = new java.util.ArrayList<>(formats);
        BodyFormat format = new BodyFormat(name, mediaType, aliases, configured(factory, customizer));
        for (String type : format.accepted()) {
            if (type.equals("application/json") || type.endsWith("+json")) {
                throw new dev.rigel.exceptions.ImproperlyConfiguredException(
                        "The body format " + name + " claims " + type + ", which is JSON's");
            }
            for (BodyFormat existing : all) {
                if (existing.accepted().contains(type)) {
                    throw new dev.rigel.exceptions.ImproperlyConfiguredException(
                            "Two body formats read " + type + ": " + existing.name() + " and " + name);
                }
            }
        }
        all.add(format);
        formats = List.copyOf(all);
        java.util.List<String> offered = new java.util.ArrayList<>(List.of("application/json"));
        formats.forEach(each -> offered.addAll(each.accepted()));
        offers = offered.toArray(String[]::new);
    }

    /** The body formats besides JSON; empty unless a plugin added one. */
    public List<BodyFormat> formats() {
        return formats;
    }

    /**
     * The format a request body declared by {@code contentType} is read with: null for JSON, a
     * registered format, else a 415 naming what is accepted.
     */
    public BodyFormat formatOf(String contentType) {
        if (formats.isEmpty() || "application/json".equalsIgnoreCase(contentType)) {
            JsonBodies.requireJsonType(contentType);
            return null;
        }
        dev.rigel.internal.http.MediaType type = dev.rigel.internal.http.MediaType.parse(contentType);
        if (type != null) {
            String essence = type.essence().toLowerCase(java.util.Locale.ROOT);
            for (BodyFormat format : formats) {
                if (format.reads(essence)) {
                    return format;
                }
            }
        }
        try {
            JsonBodies.requireJsonType(contentType);
        } catch (dev.rigel.exceptions.UnsupportedMediaTypeException notJson) {
            if (type != null
                    && (type.essence().equals("application/json")
                            || type.subtype().endsWith("+json"))) {
                throw notJson; // JSON in another charset: the JSON rule's own message
            }
            StringBuilder accepted = new StringBuilder("application/json (or a +json type)");
            formats.forEach(format ->
                    format.accepted().forEach(each -> accepted.append(", ").append(each)));
            throw new dev.rigel.exceptions.UnsupportedMediaTypeException("Expected a body of " + accepted + ", got "
                    + (contentType == null ? "no Content-Type" : "'" + contentType + "'"));
        }
        return null;
    }

    /**
     * The format a response should be written in for a request's {@code Accept} values: null for
     * JSON, which also answers an {@code Accept} nothing satisfies (as Rigel always has).
     */
    public BodyFormat negotiate(List<String> accept) {
        if (formats.isEmpty() || accept.isEmpty()) {
            return null;
        }
        String chosen =
                dev.rigel.internal.http.AcceptHeader.bestMatch(accept, offers).orElse(null);
        if (chosen == null || chosen.equals("application/json")) {
            return null;
        }
        for (BodyFormat format : formats) {
            if (format.accepted().contains(chosen)) {
                return format;
            }
        }
        return null;
    }

    /**
     * Decodes a request body by its declared type: JSON as {@link #decode(ObjectReader, byte[],
     * String, String)} does, or a registered format with the same rules and messages naming it.
     */
    public Object decodeBody(ObjectReader jsonReader, byte[] body, String contentType, String method, String path) {
        BodyFormat format = body.length == 0 ? null : formatOf(contentType);
        if (format == null) {
            return decode(jsonReader, body, method, path);
        }
        return decode(format.name(), format.reader(jsonReader.getValueType()), body, method, path);
    }

    /**
     * The JSON name of a Java property under the mapper's naming strategy ({@code userId} becomes
     * {@code user_id} with snake case), so error keys match what clients send.
     */
    public String propertyName(String javaName) {
        if (mapper.getPropertyNamingStrategy()
                instanceof com.fasterxml.jackson.databind.PropertyNamingStrategies.NamingBase naming) {
            return naming.translate(javaName);
        }
        return javaName;
    }

    public JavaType type(Type type) {
        return mapper.getTypeFactory().constructType(type);
    }

    public ObjectReader reader(Type type) {
        return mapper.readerFor(type(type));
    }

    /** A writer for a declared type; {@code Object} and other open types fall back to runtime types. */
    public ObjectWriter writer(Type declared) {
        Class<?> raw = Types.raw(declared);
        if (raw == Object.class
                || raw.isInterface()
                        && !java.util.Collection.class.isAssignableFrom(raw)
                        && !java.util.Map.class.isAssignableFrom(raw)) {
            return mapper.writer();
        }
        return mapper.writerFor(type(declared));
    }

    public byte[] encode(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Cannot encode " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public byte[] encode(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "Cannot encode " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Decodes a request body. Broken JSON is a 400 naming where it broke; well-formed JSON of the
     * wrong shape is a 400 validation error naming the field, as in {@code Validation failed for …}.
     */
    public Object decode(ObjectReader reader, byte[] body, String method, String path) {
        return decode("JSON", reader, body, method, path);
    }

    private Object decode(String format, ObjectReader reader, byte[] body, String method, String path) {
        boolean json = format.equals("JSON");
        if (body.length == 0) {
            throw new ClientException("Request body is empty; expected " + format);
        }
        if (json) {
            JsonBodies.requireUtf8(body);
        }
        Object value;
        try {
            value = json ? reader.readValue(body) : readWhole(format, reader, body);
        } catch (InvalidTypeIdException e) {
            throw ValidationException.forRequest(
                    method,
                    path,
                    List.of(new ValidationError(TypeIds.key(fieldPath(e), e), TypeIds.message(e), "body")));
        } catch (MismatchedInputException e) {
            String key = fieldPath(e);
            String message = mismatchMessage(e);
            if (key.isEmpty() && !(e instanceof InvalidFormatException)) {
                throw new ClientException("Invalid " + format + " body: " + message);
            }
            throw ValidationException.forRequest(method, path, List.of(new ValidationError(key, message, "body")));
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof StreamReadException broken) {
                // a syntax error met while binding (e.g. inside a list element) is still broken JSON
                throw malformed(format, broken);
            }
            String key = fieldPath(e);
            throw ValidationException.forRequest(
                    method, path, List.of(new ValidationError(key, shortMessage(e), "body")));
        } catch (JacksonException e) {
            throw malformed(format, e);
        } catch (IOException e) {
            throw new ClientException("Cannot read request body: " + e.getMessage());
        } catch (HttpException e) {
            throw e; // an app's deserializer refusing with a status of its own
        } catch (RuntimeException e) {
            if (!json) {
                // a binary format's own parser refuses broken input with its own unchecked exceptions
                throw new ClientException("Malformed " + format + " in request body");
            }
            // a top-level value Jackson parsed but cannot represent (1e-2147483648 as a BigDecimal,
            // an epoch number past Instant.MAX): inside objects and arrays the mapper wraps what a
            // deserializer throws (WRAP_EXCEPTIONS), at the top level it does not
            throw new ClientException(
                    "Invalid JSON body: the value cannot be read as `" + simpleName(reader.getValueType()) + "`");
        }
        if (value == null) {
            // a JSON null where a value is required (Optional bodies read it as empty): refused
            // here, not handed to the handler as a null it did not ask for
            throw new ClientException("Invalid " + format + " body: expected a value of type `"
                    + simpleName(reader.getValueType()) + "`, got null");
        }
        return value;
    }

    /** One value of a format besides JSON, with nothing after it. */
    private static Object readWhole(String format, ObjectReader reader, byte[] body) throws IOException {
        try (com.fasterxml.jackson.core.JsonParser parser = reader.getFactory().createParser(body)) {
            Object value = reader.readValue(parser);
            if (followedByMore(parser)) {
                throw new ClientException("Invalid " + format + " body: more content follows the " + format + " value");
            }
            return value;
        }
    }

    /**
     * Whether more content follows the value {@code parser} has just read. Some binary parsers
     * (MessagePack's) signal the end of their input with an EOF exception rather than no token.
     */
    public static boolean followedByMore(com.fasterxml.jackson.core.JsonParser parser) throws IOException {
        try {
            return parser.nextToken() != null;
        } catch (com.fasterxml.jackson.core.io.JsonEOFException end) {
            return false;
        }
    }

    /** A type as clients may see it: no package names, no enclosing classes. */
    private static String simpleName(JavaType type) {
        return type.toCanonical().replaceAll("\\b[a-z_][\\w]*\\.", "").replaceAll("\\w+\\$", "");
    }

    /**
     * What is wrong with a value that is well-formed JSON of the wrong type, for clients:
     * {@code expected int, got 'abc'}, or Jackson's message without Java package names.
     */
    public static String mismatchMessage(JsonMappingException e) {
        return e instanceof InvalidFormatException invalid
                ? "expected " + Types.describe(invalid.getTargetType()) + ", got " + describeValue(invalid.getValue())
                : shortMessage(e);
    }

    /** The 400 for a body that is not JSON, naming where it broke (never echoing the client's bytes). */
    public static ClientException malformed(JacksonException e) {
        return malformed("JSON", e);
    }

    /** As {@link #malformed(JacksonException)} for a body in {@code format}; binary formats have no lines. */
    public static ClientException malformed(String format, JacksonException e) {
        String where = e.getLocation() == null || !format.equals("JSON")
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
        return new ClientException("Malformed " + format + " in request body" + where + ": " + e.getOriginalMessage());
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (!key.isEmpty()) {
                key.append('.');
            }
            key.append(
                    reference.getFieldName() != null ? reference.getFieldName() : String.valueOf(reference.getIndex()));
        }
        return key.toString();
    }

    private static String shortMessage(JsonMappingException e) {
        String message = e.getOriginalMessage();
        int newline = message == null ? -1 : message.indexOf('\n');
        message = newline < 0 ? message : message.substring(0, newline);
        if (message == null) {
            return "invalid value";
        }
        // Jackson names Java types (`java.util.List<com.acme.Api$Item>`) and its own settings in its
        // messages; keep the simple type names and drop the rest for clients
        message = CONFIG_HINT.matcher(message).replaceAll("");
        return QUOTED.matcher(message)
                .replaceAll(quoted -> Matcher.quoteReplacement(
                        QUALIFIER.matcher(quoted.group()).replaceAll("")));
    }

    private static String describeValue(Object value) {
        return value instanceof String text ? "'" + text + "'" : String.valueOf(value);
    }
}

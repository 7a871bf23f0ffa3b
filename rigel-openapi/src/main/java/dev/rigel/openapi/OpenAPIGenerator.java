package dev.rigel.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rigel.App;
import dev.rigel.dto.DTODescription;
import dev.rigel.form.UploadFile;
import dev.rigel.http.HandlerInfo;
import dev.rigel.http.Response;
import dev.rigel.http.RouteParameter;
import dev.rigel.openapi.internal.DeclaredResponses;
import dev.rigel.openapi.internal.Docs;
import dev.rigel.openapi.internal.ErrorStatuses;
import dev.rigel.openapi.internal.GeneratedExamples;
import dev.rigel.openapi.internal.Operations;
import dev.rigel.openapi.internal.Schemas;
import dev.rigel.problem.ProblemDetailsConfig;
import dev.rigel.protocol.ScopeType;
import dev.rigel.response.FileResponse;
import dev.rigel.response.Redirect;
import dev.rigel.response.ServerSentEvent;
import dev.rigel.response.Stream;
import dev.rigel.response.Template;
import dev.rigel.spi.StatusReasons;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds the OpenAPI 3.1 document of an app from its resolved routes ({@link App#routes()}): the
 * same plans that serve requests, so the document cannot drift from what the app does. Run once,
 * at startup, by {@link OpenAPIPlugin}, or on its own for tooling ({@link OpenAPIExport}).
 *
 * <p>Left out: WebSocket routes, routes with {@code includeInSchema(false)} or
 * {@code @ExcludeFromSchema}, and every handler parameter that is not read from the request
 * (dependencies, {@code Request}, {@code State}…); the request parameters of dependency providers
 * are part of the operation that uses them.
 */
public final class OpenAPIGenerator {

    /** The OpenAPI version the document declares. */
    public static final String OPENAPI_VERSION = "3.1.0";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> METHOD_ORDER =
            List.of("GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE");
    private static final String ERROR = "ErrorResponse";
    /** The layer opt naming the security schemes a route requires, e.g. {@code opt("security", "bearer")}. */
    public static final String SECURITY_OPT = "security";

    private static final String VALIDATION_ERROR = "ValidationErrorResponse";
    /** The problem-details bodies, for routes under a layer answering every HttpException so. */
    private static final String PROBLEM = "ProblemDetails";

    private static final String VALIDATION_PROBLEM = "ValidationProblemDetails";
    private static final String OCTETS = "application/octet-stream";

    private final App app;
    private final OpenAPIConfig config;
    private final Schemas schemas;
    private final Operations operations = new Operations();
    private final DeclaredResponses declaredResponses;
    /**
     * The media types of the body formats plugins added (MessagePack…): listed beside
     * {@code application/json} wherever Rigel reads or writes JSON bodies, with the same schema.
     */
    private final List<String> otherBodyTypes;

    private OpenAPIGenerator(App app, OpenAPIConfig config) {
        this.app = app;
        this.config = config;
        this.schemas = new Schemas(app.objectMapper());
        this.declaredResponses = new DeclaredResponses(schemas);
        this.otherBodyTypes = app.plugins().allOf(dev.rigel.plugin.BodyFormatPlugin.class).stream()
                .map(format -> format.mediaTypes().getFirst())
                .toList();
    }

    /** {@code schema} under {@code mediaType}, and under the other body formats' types when it is JSON. */
    private void putContent(ObjectNode content, String mediaType, ObjectNode schema) {
        content.putObject(mediaType).set("schema", schema);
        if (mediaType.equals("application/json")) {
            otherBodyTypes.forEach(other -> content.putObject(other).set("schema", schema));
        }
    }

    /** The document of {@code app} (which must be built) described by {@code config}. */
    public static ObjectNode generate(App app, OpenAPIConfig config) {
        return new OpenAPIGenerator(app, config).document();
    }

    private ObjectNode document() {
        ObjectNode document = NODES.objectNode();
        document.put("openapi", OPENAPI_VERSION);
        document.set("info", info());
        if (!config.servers().isEmpty()) {
            ArrayNode servers = document.putArray("servers");
            for (OpenAPIConfig.Server server : config.servers()) {
                ObjectNode node = servers.addObject().put("url", server.url());
                putIfPresent(node, "description", server.description());
            }
        }
        Map<String, List<HandlerInfo>> byPath = new TreeMap<>();
        for (HandlerInfo route : app.routes()) {
            // no methods: a mounted application, which documents itself if it wants to
            if (route.scopeType() == ScopeType.WEBSOCKET
                    || !route.includeInSchema()
                    || route.methods().isEmpty()) {
                continue;
            }
            byPath.computeIfAbsent(Operations.openApiPath(route.pathTemplate()), p -> new ArrayList<>())
                    .add(route);
        }
        Set<String> usedTags = new LinkedHashSet<>();
        ObjectNode paths = document.putObject("paths");
        for (Map.Entry<String, List<HandlerInfo>> entry : byPath.entrySet()) {
            ObjectNode item = paths.putObject(entry.getKey());
            for (String method : METHOD_ORDER) {
                for (HandlerInfo route : entry.getValue()) {
                    if (route.methods().contains(method)) {
                        item.set(method.toLowerCase(Locale.ROOT), operation(method, entry.getKey(), route));
                        usedTags.addAll(route.tags());
                    }
                }
            }
        }
        ObjectNode components = document.putObject("components");
        components.set("schemas", schemas.components());
        Map<String, Object> securitySchemes =
                securitySchemes(byPath.values().stream().flatMap(List::stream).toList());
        if (!securitySchemes.isEmpty()) {
            components.set("securitySchemes", new ObjectMapper().valueToTree(securitySchemes));
        }
        ArrayNode tags = NODES.arrayNode();
        Set<String> described = new LinkedHashSet<>();
        for (OpenAPIConfig.Tag tag : config.tags()) {
            ObjectNode node = tags.addObject().put("name", tag.name());
            putIfPresent(node, "description", tag.description());
            externalDocs(node, tag.externalDocs());
            described.add(tag.name());
        }
        for (String tag : usedTags) {
            if (!described.contains(tag)) {
                tags.addObject().put("name", tag);
            }
        }
        if (!tags.isEmpty()) {
            document.set("tags", tags);
        }
        externalDocs(document, config.externalDocs());
        if (config.generateExamples()) {
            GeneratedExamples.fill(document);
        }
        for (var customizer : config.customizers()) {
            customizer.accept(document);
        }
        return document;
    }

    private static void externalDocs(ObjectNode node, OpenAPIConfig.ExternalDocs docs) {
        if (docs != null) {
            ObjectNode external = node.putObject("externalDocs").put("url", docs.url());
            putIfPresent(external, "description", docs.description());
        }
    }

    private ObjectNode info() {
        ObjectNode info = NODES.objectNode();
        info.put("title", config.title());
        info.put("version", config.version());
        putIfPresent(info, "description", config.description());
        putIfPresent(info, "termsOfService", config.termsOfService());
        if (config.contact() != null) {
            ObjectNode contact = info.putObject("contact");
            putIfPresent(contact, "name", config.contact().name());
            putIfPresent(contact, "url", config.contact().url());
            putIfPresent(contact, "email", config.contact().email());
        }
        if (config.license() != null) {
            ObjectNode license = info.putObject("license");
            license.put("name", config.license().name());
            putIfPresent(license, "identifier", config.license().identifier());
            putIfPresent(license, "url", config.license().url());
        }
        return info;
    }

    private ObjectNode operation(String method, String path, HandlerInfo route) {
        ObjectNode operation = NODES.objectNode();
        if (!route.tags().isEmpty()) {
            ArrayNode tags = operation.putArray("tags");
            new LinkedHashSet<>(route.tags()).forEach(tags::add);
        }
        Optional<Method> handler = route.handlerMethod();
        dev.rigel.annotation.Operation described = handler.map(
                        m -> m.getAnnotation(dev.rigel.annotation.Operation.class))
                .orElse(null);
        String summary = described != null && !described.summary().isBlank()
                ? described.summary()
                : handler.map(m -> Operations.summary(m.getName()))
                        .orElseGet(() -> Operations.summary(method + " " + path.replaceAll("\\{[^}]*}", "")));
        operation.put("summary", summary);
        if (described != null && !described.description().isBlank()) {
            operation.put("description", described.description());
        }
        operation.put(
                "operationId",
                described != null && !described.operationId().isBlank()
                        ? operations.explicitId(described.operationId(), method + " " + path)
                        : operations.operationId(method, path));
        ArrayNode parameters = NODES.arrayNode();
        ObjectNode requestBody = null;
        // a path value that does not convert is a 404 (no route matched); anything else the client sends may be a 400
        boolean clientInput = false;
        for (RouteParameter parameter : route.parameters()) {
            if (parameter.source() == RouteParameter.Source.BODY) {
                requestBody = requestBody(parameter, route);
                clientInput = true;
            } else {
                parameters.add(parameter(parameter, route));
                clientInput |= parameter.source() != RouteParameter.Source.PATH;
            }
        }
        if (!parameters.isEmpty()) {
            operation.set("parameters", parameters);
        }
        String where = handler.map(m -> "@Operation of " + m.getDeclaringClass().getName() + "." + m.getName())
                .orElse(method + " " + path + " (" + route.name() + ")");
        if (requestBody != null) {
            operation.set("requestBody", requestBody);
        }
        givenExample(
                requestBody,
                described != null ? described.requestExample() : "",
                route,
                dev.rigel.Route.REQUEST_EXAMPLE_OPT,
                "requestExample of " + where);
        ObjectNode responses = operation.putObject("responses");
        ObjectNode success = success(responses, route);
        givenExample(
                success,
                described != null ? described.responseExample() : "",
                route,
                dev.rigel.Route.RESPONSE_EXAMPLE_OPT,
                "responseExample of " + where);
        fixedHeaders(success, route);
        // under a problem-details layer that converts every HttpException, errors are RFC 9457 bodies
        boolean problems = "all".equals(route.opt().get(ProblemDetailsConfig.OPT_KEY));
        if (clientInput) {
            responses.set("400", errorResponse(400, problems));
        }
        List<List<String>> required = securityFor(route);
        if (route.guarded() || !required.isEmpty()) {
            responses.set("401", errorResponse(401, problems));
        }
        if (route.guarded()) {
            responses.set("403", errorResponse(403, problems));
        }
        // always explicit: an empty list says "no credentials", rather than leaving readers to guess
        ArrayNode security = operation.putArray("security");
        for (List<String> alternative : required) {
            ObjectNode requirement = security.addObject();
            alternative.forEach(requirement::putArray);
        }
        for (int status : handler.map(m -> ErrorStatuses.declared(m, described)).orElse(List.of())) {
            String key = Integer.toString(status);
            if (!responses.has(key)) {
                responses.set(key, errorResponse(status, problems));
            }
        }
        // declared last: a route's own word on a status beats what Rigel derives for it
        declaredResponses.addTo(responses, route);
        if (handler.isPresent() && handler.get().isAnnotationPresent(Deprecated.class)) {
            operation.put("deprecated", true);
        }
        return operation;
    }

    /**
     * What a route requires, as OpenAPI's alternatives (any one will do) of scheme names (all
     * needed): its {@value #SECURITY_OPT} opt (closest layer wins; a comma-separated string or a
     * collection of names, all needed; empty for a public route); else the schemes of the
     * authentication middleware that cover it, each one an alternative; else the config's {@code
     * security} for guarded routes; else none.
     */
    private List<List<String>> securityFor(HandlerInfo route) {
        Object opt = route.opt().get(SECURITY_OPT);
        if (opt == null && !route.securitySchemes().isEmpty()) {
            return route.securitySchemes().stream()
                    .map(scheme -> List.of(scheme.name()))
                    .distinct()
                    .toList();
        }
        List<String> names;
        if (opt == null) {
            names = route.guarded() ? config.security() : List.of();
        } else if (opt instanceof java.util.Collection<?> collection) {
            names = collection.stream()
                    .map(String::valueOf)
                    .map(String::strip)
                    .filter(n -> !n.isEmpty())
                    .toList();
        } else {
            names = java.util.Arrays.stream(String.valueOf(opt).split(","))
                    .map(String::strip)
                    .filter(n -> !n.isEmpty())
                    .toList();
        }
        for (String name : names) {
            if (!config.securitySchemes().containsKey(name)) {
                throw new dev.rigel.exceptions.ImproperlyConfiguredException(route.name() + " ("
                        + route.pathTemplate() + ") requires security scheme '" + name + "' through its '"
                        + SECURITY_OPT + "' opt, but the OpenAPI config declares only "
                        + config.securitySchemes().keySet());
            }
        }
        return names.isEmpty() ? List.of() : List.of(names);
    }

    /**
     * The document's security schemes: the config's, then those the app's authentication
     * middleware declare on the documented routes. One name with two definitions is a mistake.
     */
    private Map<String, Object> securitySchemes(List<HandlerInfo> routes) {
        Map<String, Object> schemes = new java.util.LinkedHashMap<>(config.securitySchemes());
        for (HandlerInfo route : routes) {
            for (dev.rigel.http.SecurityScheme scheme : route.securitySchemes()) {
                // sorted by key, as the config's schemes are, so the document is the same bytes every run
                Map<String, Object> definition = new TreeMap<>(scheme.definition());
                Object known = schemes.putIfAbsent(scheme.name(), definition);
                if (known != null && !known.equals(definition)) {
                    throw new dev.rigel.exceptions.ImproperlyConfiguredException("Two security schemes are named '"
                            + scheme.name() + "': " + known + " and " + scheme.definition() + " (" + route.name()
                            + "); give the authentication middleware different scheme names");
                }
            }
        }
        return schemes;
    }

    /**
     * The example a handler gives for a body ({@code @Operation}'s member, else the lambda route's
     * {@code Route.requestExample}/{@code responseExample} opt), under each of its media types.
     */
    private static void givenExample(
            ObjectNode bodyOrResponse, String annotated, HandlerInfo route, String optKey, String where) {
        Object opt = route.opt().get(optKey);
        String json = !annotated.isBlank() ? annotated : opt instanceof String text ? text : null;
        if (json == null) {
            return;
        }
        JsonNode value = Docs.parse(json, where);
        JsonNode content = bodyOrResponse == null ? NODES.missingNode() : bodyOrResponse.path("content");
        if (!content.isObject() || content.isEmpty()) {
            throw new dev.rigel.exceptions.ImproperlyConfiguredException(
                    "The " + where + " has no body to be an example of");
        }
        content.forEach(media -> ((ObjectNode) media).putObject("examples").set("example", Docs.exampleObject(value)));
    }

    private ObjectNode parameter(RouteParameter parameter, HandlerInfo route) {
        ObjectNode node = NODES.objectNode();
        node.put("name", parameter.name());
        node.put("in", parameter.source().name().toLowerCase(Locale.ROOT));
        node.put("required", parameter.source() == RouteParameter.Source.PATH || parameter.required());
        Annotation[] annotations = parameter.annotations().toArray(Annotation[]::new);
        ObjectNode schema = schemas.schemaFor(parameter.type(), annotations);
        if (parameter.defaultValue() != null) {
            schema.set("default", defaultValue(schema, parameter.defaultValue()));
        }
        Docs.describeParameter(
                node,
                schema,
                annotations,
                "parameter '" + parameter.name() + "' of " + route.name() + " (" + route.pathTemplate() + ")");
        node.set("schema", schema);
        return node;
    }

    /** The default's text as the JSON value of the schema's type, as the server converts it. */
    private static JsonNode defaultValue(ObjectNode schema, String text) {
        JsonNode scalar = schema.path("type").asText().equals("array") ? schema.path("items") : schema;
        try {
            return switch (scalar.path("type").asText()) {
                case "integer" -> NODES.numberNode(new java.math.BigInteger(text.trim()));
                case "number" -> NODES.numberNode(new BigDecimal(text.trim()));
                case "boolean" -> NODES.booleanNode(Boolean.parseBoolean(text.trim()));
                default -> NODES.textNode(text);
            };
        } catch (NumberFormatException e) {
            return NODES.textNode(text);
        }
    }

    private ObjectNode requestBody(RouteParameter parameter, HandlerInfo route) {
        ObjectNode body = NODES.objectNode();
        body.put("required", parameter.required());
        ObjectNode content = body.putObject("content");
        if (parameter.name().equals("body")) {
            content.putObject("application/octet-stream").set("schema", binary());
            return body;
        }
        Optional<DTODescription> dto = route.dataDTO();
        ObjectNode schema = dto.isPresent()
                ? dtoBody(parameter.type(), dto.get())
                : parameter.type() == String.class
                        ? Schemas.typeNode("string")
                        : parameter.type() == byte[].class
                                ? binary()
                                : schemas.schemaFor(
                                        parameter.type(),
                                        parameter.annotations().toArray(Annotation[]::new));
        String mediaType = parameter.form()
                ? (mentions(parameter.type(), UploadFile.class)
                        ? "multipart/form-data"
                        : "application/x-www-form-urlencoded")
                : parameter.type() == String.class
                        ? "text/plain"
                        : parameter.type() == byte[].class ? "application/octet-stream" : "application/json";
        putContent(content, mediaType, schema);
        return body;
    }

    /** {@code T}, {@code DTOData<T>} → the DTO's component; a {@code List} of those → an array of it. */
    private ObjectNode dtoBody(Type type, DTODescription dto) {
        ObjectNode component = schemas.dtoSchema(dto);
        if (type instanceof ParameterizedType parameterized
                && java.util.Collection.class.isAssignableFrom((Class<?>) parameterized.getRawType())) {
            ObjectNode array = Schemas.typeNode("array");
            array.set("items", component);
            return array;
        }
        return component;
    }

    /**
     * The success response of {@code route}, added to {@code responses}: content by return type
     * under the route's declared media type, else the type the encoder sends for that kind of value.
     */
    private ObjectNode success(ObjectNode responses, HandlerInfo route) {
        Type type = route.returnType();
        Class<?> raw = rawClass(type);
        if (raw == Response.class) {
            type = type instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            raw = rawClass(type);
        }
        int status = route.defaultStatus();
        if (raw == Redirect.class) {
            // a Redirect carries its own status (302 unless it picks 301/303/307/308), whatever the route's
            ObjectNode redirect = responses.putObject("302");
            redirect.put("description", StatusReasons.reason(302));
            ObjectNode location = redirect.putObject("headers").putObject("location");
            location.put("description", "Where the resource is to be found (a URI reference)");
            location.putObject("schema").put("type", "string").put("format", "uri-reference");
            return redirect;
        }
        ObjectNode response = responses.putObject(Integer.toString(status));
        response.put("description", StatusReasons.reason(status));
        if (raw == void.class || raw == Void.class || status == 204 || status == 304) {
            return response;
        }
        String declared = route.mediaType().orElse(null);
        ObjectNode content = response.putObject("content");
        if (raw == String.class) {
            content.putObject(or(declared, "text/plain")).set("schema", Schemas.typeNode("string"));
        } else if (raw == byte[].class) {
            String mediaType = or(declared, OCTETS);
            content.putObject(mediaType).set("schema", binary(mediaType));
        } else if (raw == FileResponse.class) {
            // without a declared type the file's name picks the Content-Type; octets is the honest general answer
            String mediaType = or(declared, OCTETS);
            content.putObject(mediaType).set("schema", binary(mediaType));
            fileHeaders(response);
        } else if (raw == Stream.class) {
            if (declared != null) {
                content.putObject(declared).set("schema", binary(declared));
            } else {
                // Stream.of(iterator) sends text (JSON Lines for objects), Stream.of(InputStream) octets
                content.putObject("text/plain").set("schema", Schemas.typeNode("string"));
                content.putObject(OCTETS).set("schema", binary(OCTETS));
            }
        } else if (raw == ServerSentEvent.class) {
            content.putObject(or(declared, "text/event-stream")).set("schema", Schemas.typeNode("string"));
        } else if (raw == Template.class) {
            content.putObject(or(declared, "text/html")).set("schema", Schemas.typeNode("string"));
        } else {
            ObjectNode schema = route.returnDTO().isPresent()
                    ? schemas.schemaFor(type, route.returnDTO().get())
                    : schemas.schemaFor(type, new Annotation[0]);
            putContent(content, or(declared, "application/json"), schema);
        }
        return response;
    }

    private static String or(String declared, String fallback) {
        return declared != null ? declared : fallback;
    }

    /** What every file answer carries besides its body (Litestar documents the validators too). */
    private static void fileHeaders(ObjectNode response) {
        ObjectNode headers = response.putObject("headers");
        ObjectNode disposition = headers.putObject("content-disposition");
        disposition.put("description", "attachment or inline, with the file's name");
        disposition.putObject("schema").put("type", "string");
        ObjectNode etag = headers.putObject("etag");
        etag.put("description", "Entity tag of the file's size and modification time");
        etag.putObject("schema").put("type", "string");
        ObjectNode modified = headers.putObject("last-modified");
        modified.put("description", "When the file was last modified (an HTTP date)");
        modified.putObject("schema").put("type", "string");
    }

    /**
     * The headers the route's layers put on every response (Litestar documents its
     * {@code response_headers} the same way), with the layer's value as the example,
     * and {@code set-cookie} naming the layers' cookies.
     */
    private static void fixedHeaders(ObjectNode response, HandlerInfo route) {
        if (route.responseHeaders().isEmpty() && route.responseCookieNames().isEmpty()) {
            return;
        }
        ObjectNode headers =
                response.has("headers") ? (ObjectNode) response.get("headers") : response.putObject("headers");
        route.responseHeaders().forEach((name, value) -> {
            // an example, not a const: a handler's own header of that name wins over the layer's
            ObjectNode header = headers.putObject(name);
            header.putObject("schema").put("type", "string");
            header.put("example", value);
        });
        if (!route.responseCookieNames().isEmpty()) {
            ObjectNode cookie = headers.putObject("set-cookie");
            cookie.put("description", "Sets the cookies " + String.join(", ", route.responseCookieNames()));
            cookie.putObject("schema").put("type", "string");
        }
    }

    private static ObjectNode binary() {
        return binary(OCTETS);
    }

    /**
     * A body of raw octets in OpenAPI 3.1: a string whose {@code contentMediaType} is the body's
     * type (no {@code contentEncoding}: the octets are sent as they are, not base64). {@code format:
     * binary}, OpenAPI 3.0's spelling, is kept because code generators still go by it to hand
     * clients a file or byte array rather than a decoded string.
     */
    private static ObjectNode binary(String mediaType) {
        ObjectNode schema = Schemas.typeNode("string");
        schema.put("format", "binary");
        schema.put("contentMediaType", mediaType);
        return schema;
    }

    /** An error response: Rigel's standard body, or problem details ({@code application/problem+json}). */
    private ObjectNode errorResponse(int status, boolean problems) {
        ObjectNode response = NODES.objectNode();
        response.put(
                "description", status == 400 ? "Validation failed or malformed request" : StatusReasons.reason(status));
        ObjectNode schema = problems ? problemDetails(status == 400) : status == 400 ? validationError() : error();
        response.putObject("content")
                .putObject(problems ? ProblemDetailsConfig.MEDIA_TYPE : "application/json")
                .set("schema", schema);
        return response;
    }

    /**
     * The RFC 9457 body; for a 400 with the {@code errors} extension member listing each problem
     * of a validation failure. Other extension members are allowed (JSON Schema's default).
     */
    private ObjectNode problemDetails(boolean validation) {
        ObjectNode schema = Schemas.typeNode("object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("type").put("type", "string").put("format", "uri-reference");
        properties.putObject("title").put("type", "string");
        properties.putObject("status").put("type", "integer");
        properties.putObject("detail").put("type", "string");
        properties.putObject("instance").put("type", "string").put("format", "uri-reference");
        if (validation) {
            ObjectNode errors = properties.putObject("errors");
            errors.put("type", "array");
            errors.set("items", validationItem());
        }
        schema.putArray("required").add("type").add("status");
        return schemas.component(validation ? VALIDATION_PROBLEM : PROBLEM, schema);
    }

    /** Rigel's error body: {@code {"status_code", "detail", "extra"?}}. */
    private ObjectNode error() {
        ObjectNode schema = Schemas.typeNode("object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("status_code").put("type", "integer");
        properties.putObject("detail").put("type", "string");
        properties.putObject("extra");
        schema.putArray("required").add("status_code").add("detail");
        return schemas.component(ERROR, schema);
    }

    /** The 400 body: the error shape whose {@code extra} lists each problem (absent for malformed bodies). */
    private ObjectNode validationError() {
        ObjectNode schema = Schemas.typeNode("object");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("status_code").put("type", "integer");
        properties.putObject("detail").put("type", "string");
        ObjectNode extra = properties.putObject("extra");
        extra.put("type", "array");
        extra.set("items", validationItem());
        schema.putArray("required").add("status_code").add("detail");
        return schemas.component(VALIDATION_ERROR, schema);
    }

    /** One problem of a validation failure: {@code {"key", "message", "source"}}. */
    private static ObjectNode validationItem() {
        ObjectNode item = Schemas.typeNode("object");
        ObjectNode itemProperties = item.putObject("properties");
        itemProperties.putObject("key").put("type", "string");
        itemProperties.putObject("message").put("type", "string");
        ObjectNode source = itemProperties.putObject("source");
        source.put("type", "string");
        source.putArray("enum")
                .add("path")
                .add("query")
                .add("header")
                .add("cookie")
                .add("body");
        item.putArray("required").add("key").add("message");
        return item;
    }

    private static boolean mentions(Type type, Class<?> wanted) {
        if (type == wanted) {
            return true;
        }
        if (type instanceof ParameterizedType p) {
            for (Type argument : p.getActualTypeArguments()) {
                if (mentions(argument, wanted)) {
                    return true;
                }
            }
            return false;
        }
        if (type instanceof Class<?> c && c.isRecord()) {
            for (var component : c.getRecordComponents()) {
                if (mentions(component.getGenericType(), wanted)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}

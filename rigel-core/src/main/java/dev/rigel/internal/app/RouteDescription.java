package dev.rigel.internal.app;

import dev.rigel.dto.DTODescription;
import dev.rigel.http.Cookie;
import dev.rigel.http.HandlerInfo;
import dev.rigel.http.RouteParameter;
import dev.rigel.http.SecurityScheme;
import dev.rigel.internal.invoke.CallableSpec;
import dev.rigel.internal.layers.MergedLayers;
import dev.rigel.internal.text.DisplayNames;
import dev.rigel.protocol.ScopeType;
import dev.rigel.security.AbstractAuthenticationMiddleware;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a route is, as middleware, guards and tools see it ({@link HandlerInfo}): complete and
 * immutable once the route is planned, apart from the plan that serves it. Compared by identity,
 * like the route it describes.
 */
public final class RouteDescription implements HandlerInfo {

    private volatile List<dev.rigel.middleware.Middleware> chained;

    private final String pathTemplate;
    private final Set<String> methods;
    private final ScopeType scopeType;
    private final String name;
    private final MergedLayers layers;
    private final List<RouteParameter> parameters;
    private final Type returnType;
    private final int defaultStatus;
    private final Map<String, String> responseHeaders;
    private final List<String> responseCookieNames;
    private final boolean guarded;
    private final Optional<Method> handlerMethod;
    private final Optional<DTODescription> dataDTO;
    private final Optional<DTODescription> returnDTO;
    private final Optional<String> mediaType;
    /** Worked out when first asked (by API documentation, not per request). */
    private volatile List<SecurityScheme> securitySchemes;

    private RouteDescription(
            String pathTemplate,
            Set<String> methods,
            ScopeType scopeType,
            String name,
            MergedLayers layers,
            List<RouteParameter> parameters,
            Type returnType,
            int defaultStatus,
            Map<String, String> responseHeaders,
            List<String> responseCookieNames,
            boolean guarded,
            Optional<Method> handlerMethod,
            Optional<DTODescription> dataDTO,
            Optional<DTODescription> returnDTO,
            Optional<String> mediaType) {
        this.mediaType = mediaType;
        this.pathTemplate = pathTemplate;
        this.methods = methods;
        this.scopeType = scopeType;
        this.name = name;
        this.layers = layers;
        this.parameters = parameters;
        this.returnType = returnType;
        this.defaultStatus = defaultStatus;
        this.responseHeaders = responseHeaders;
        this.responseCookieNames = responseCookieNames;
        this.guarded = guarded;
        this.handlerMethod = handlerMethod;
        this.dataDTO = dataDTO;
        this.returnDTO = returnDTO;
    }

    /**
     * An HTTP route.
     *
     * @param configuredStatus the handler's status, or 0 for the default
     * @param mediaType the handler's declared media type, or null
     * @param dataDto the DTO its body is read through, or null
     * @param returnDto the DTO its response is written through, or null
     */
    public static RouteDescription http(
            String pathTemplate,
            Set<String> methods,
            String name,
            MergedLayers layers,
            CallableSpec callable,
            int configuredStatus,
            String mediaType,
            List<RouteParameter> parameters,
            DTODescription dataDto,
            DTODescription returnDto) {
        return new RouteDescription(
                pathTemplate,
                Set.copyOf(methods),
                ScopeType.HTTP,
                name,
                layers,
                List.copyOf(parameters),
                callable.returnType(),
                defaultStatus(configuredStatus, methods),
                sentHeaders(layers),
                layers.responseCookies.stream().map(Cookie::name).toList(),
                !layers.guards.isEmpty(),
                callable.executable() instanceof Method method && !callable.lambdaBody()
                        ? Optional.of(method)
                        : Optional.empty(),
                Optional.ofNullable(dataDto),
                Optional.ofNullable(returnDto),
                Optional.ofNullable(mediaType));
    }

    /**
     * A WebSocket route: no methods, and none of an HTTP response's details.
     *
     * @param dataDto the DTO a listener's messages are read through, or null
     * @param returnDto the DTO its replies or streamed elements are written through, or null
     */
    public static RouteDescription webSocket(
            String pathTemplate, String name, MergedLayers layers, DTODescription dataDto, DTODescription returnDto) {
        return withoutResponse(pathTemplate, ScopeType.WEBSOCKET, name, layers, false, dataDto, returnDto);
    }

    /** A mounted application: any method and WebSocket connections, nothing the document can describe. */
    public static RouteDescription mount(String pathTemplate, String name, MergedLayers layers) {
        return withoutResponse(pathTemplate, ScopeType.HTTP, name, layers, !layers.guards.isEmpty(), null, null);
    }

    /** A route without methods or the details of an HTTP response. */
    private static RouteDescription withoutResponse(
            String pathTemplate,
            ScopeType scopeType,
            String name,
            MergedLayers layers,
            boolean guarded,
            DTODescription dataDto,
            DTODescription returnDto) {
        return new RouteDescription(
                pathTemplate,
                Set.of(),
                scopeType,
                name,
                layers,
                List.of(),
                Object.class,
                200,
                Map.of(),
                List.of(),
                guarded,
                Optional.empty(),
                Optional.ofNullable(dataDto),
                Optional.ofNullable(returnDto),
                Optional.empty());
    }

    /** Litestar's defaults: 201 for a POST-only handler, 204 for DELETE-only, else 200. */
    private static int defaultStatus(int configured, Set<String> methods) {
        if (configured != 0) {
            return configured;
        }
        if (methods.equals(Set.of("POST"))) {
            return 201;
        }
        return methods.equals(Set.of("DELETE")) ? 204 : 200;
    }

    /** Names are case-insensitive, and the first of a name is the one sent (cacheControl beats a plain header). */
    private static Map<String, String> sentHeaders(MergedLayers layers) {
        Map<String, String> headers = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (String[] header : layers.sentHeaders) {
            if (seen.add(header[0].toLowerCase(Locale.ROOT))) {
                headers.put(header[0], header[1]);
            }
        }
        return Collections.unmodifiableMap(headers);
    }

    @Override
    public String pathTemplate() {
        return pathTemplate;
    }

    @Override
    public Set<String> methods() {
        return methods;
    }

    @Override
    public ScopeType scopeType() {
        return scopeType;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, Object> opt() {
        return layers.opt;
    }

    @Override
    public List<String> tags() {
        return layers.tags;
    }

    @Override
    public boolean includeInSchema() {
        return layers.includeInSchema;
    }

    @Override
    public Optional<DTODescription> dataDTO() {
        return dataDTO;
    }

    @Override
    public Optional<DTODescription> returnDTO() {
        return returnDTO;
    }

    @Override
    public List<RouteParameter> parameters() {
        return parameters;
    }

    @Override
    public Type returnType() {
        return returnType;
    }

    @Override
    public int defaultStatus() {
        return defaultStatus;
    }

    @Override
    public Optional<String> mediaType() {
        return mediaType;
    }

    @Override
    public List<dev.rigel.http.DocumentedResponse> documentedResponses() {
        return layers.documentedResponses;
    }

    @Override
    public Map<String, String> responseHeaders() {
        return responseHeaders;
    }

    @Override
    public List<String> responseCookieNames() {
        return responseCookieNames;
    }

    @Override
    public List<SecurityScheme> securitySchemes() {
        List<SecurityScheme> schemes = securitySchemes;
        if (schemes == null) {
            schemes = new java.util.ArrayList<>();
            for (dev.rigel.middleware.Middleware middleware : layers.middleware) {
                if (middleware instanceof AbstractAuthenticationMiddleware auth
                        && auth.covers(pathTemplate, scopeType, layers.opt)) {
                    schemes.addAll(auth.securitySchemes());
                }
            }
            schemes = List.copyOf(schemes);
            securitySchemes = schemes;
        }
        return schemes;
    }

    /**
     * Records the middleware the route's plan chained (app built-ins included, overridden ones
     * left out); set once, by the plan, before the app serves.
     */
    public void chained(List<dev.rigel.middleware.Middleware> middleware) {
        this.chained = List.copyOf(middleware);
    }

    @Override
    public List<String> middlewareNames() {
        List<dev.rigel.middleware.Middleware> names = chained != null ? chained : layers.middleware;
        return names.stream().map(DisplayNames::of).toList();
    }

    @Override
    public List<String> guardNames() {
        return layers.guards.stream().map(DisplayNames::of).toList();
    }

    @Override
    public boolean guarded() {
        return guarded;
    }

    @Override
    public Optional<Method> handlerMethod() {
        return handlerMethod;
    }

    @Override
    public String toString() {
        return (scopeType == ScopeType.WEBSOCKET ? "WEBSOCKET" : String.join("/", methods)) + " " + pathTemplate + " ("
                + name + ")";
    }
}

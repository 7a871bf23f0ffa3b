package dev.rigel.http;

import dev.rigel.dto.DTODescription;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What middleware, guards and hooks may know about the route handler a request matched: its
 * resolved (all layers merged) metadata. Recorded in the {@link dev.rigel.protocol.Scope} after
 * routing.
 */
public interface HandlerInfo {

    /**
     * The route a scope was matched to, as middleware sees it: null before routing, for requests
     * that matched no route (404, 405, OPTIONS answers) and for scopes another application routed.
     */
    static HandlerInfo of(dev.rigel.protocol.Scope scope) {
        return scope.route() instanceof HandlerInfo handler ? handler : null;
    }

    /** The full path template, e.g. {@code /api/v1/users/{user_id:int}}. */
    String pathTemplate();

    /** HTTP methods this handler answers, upper-case; empty for a WebSocket route. */
    Set<String> methods();

    /** {@code HTTP} for request handlers, {@code WEBSOCKET} for WebSocket handlers and listeners. */
    default dev.rigel.protocol.ScopeType scopeType() {
        return dev.rigel.protocol.ScopeType.HTTP;
    }

    /** A readable name, e.g. {@code UserController.get}. */
    String name();

    /** Free-form metadata merged across layers, closest layer winning. */
    Map<String, Object> opt();

    /** Tags from every layer, app first. */
    List<String> tags();

    boolean includeInSchema();

    /**
     * The fields a client sends in the request body, when the handler's {@code data} is decoded
     * through a DTO (see {@link dev.rigel.dto.AbstractDTO}).
     */
    default Optional<DTODescription> dataDTO() {
        return Optional.empty();
    }

    /** The fields of the response body, when the handler's return value goes through a DTO. */
    default Optional<DTODescription> returnDTO() {
        return Optional.empty();
    }

    /**
     * The values this route reads from the request (its handler's and its dependencies'
     * providers'), in the order first bound, path parameters of the template included even when
     * no parameter binds them. Empty for WebSocket routes.
     */
    default List<RouteParameter> parameters() {
        return List.of();
    }

    /** The handler's declared generic return type ({@code void.class} when it returns nothing). */
    default java.lang.reflect.Type returnType() {
        return Object.class;
    }

    /**
     * The media type the route declared for its responses ({@code @Get(mediaType = …)},
     * {@code Route.mediaType(…)}); empty when the returned value decides.
     */
    default Optional<String> mediaType() {
        return Optional.empty();
    }

    /**
     * The responses the layers and the handler declared for API documentation besides the ones
     * derived from the route ({@code LayerBuilder.response}, {@code @ResponseSpec}), one per status,
     * the closest layer's winning, ordered by status.
     */
    default List<DocumentedResponse> documentedResponses() {
        return List.of();
    }

    /** The status of a successful answer unless the handler says otherwise (POST 201, DELETE 204, else 200). */
    default int defaultStatus() {
        return 200;
    }

    /**
     * The fixed headers every response of the route carries, by name as the layers spelled it:
     * {@code cache-control} from a {@code cacheControl} setting, then the layers' {@code responseHeader}s.
     */
    default java.util.Map<String, String> responseHeaders() {
        return Map.of();
    }

    /** The names of the cookies every response of the route sets (the layers' {@code responseCookie}s). */
    default List<String> responseCookieNames() {
        return List.of();
    }

    /**
     * The security schemes of the authentication middleware that cover this route (see {@code
     * AbstractAuthenticationMiddleware#securitySchemes}); empty for routes nothing authenticates.
     */
    default List<SecurityScheme> securitySchemes() {
        return List.of();
    }

    /**
     * The middleware that wrap this route, outermost first, each by a readable name (its
     * {@code toString} where it has one, else its class), for listings such as {@code rigel routes}.
     */
    default List<String> middlewareNames() {
        return List.of();
    }

    /** The route's guards in the order they run, named as {@link #middlewareNames()} names middleware. */
    default List<String> guardNames() {
        return List.of();
    }

    /** Whether any layer puts guards in front of this route. */
    default boolean guarded() {
        return false;
    }

    /**
     * The method behind the handler, for its annotations and declared exceptions; empty for
     * lambdas and routes without one.
     */
    default Optional<java.lang.reflect.Method> handlerMethod() {
        return Optional.empty();
    }
}

package dev.rigel.internal.binding;

import dev.rigel.http.RouteParameter;
import dev.rigel.internal.invoke.ParamSpec;
import dev.rigel.internal.routing.PathTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request values a route reads (its handler's and its providers'), recorded as they are
 * bound, for {@link dev.rigel.http.HandlerInfo#parameters()}: documentation and tools, never the
 * request path.
 */
final class RouteParameters {

    private final PathTemplate template;
    private final List<RouteParameter> described = new ArrayList<>();

    RouteParameters(PathTemplate template) {
        this.template = template;
    }

    void add(
            ParamSpec param,
            String key,
            RouteParameter.Source source,
            boolean required,
            String defaultValue,
            boolean form) {
        described.add(new RouteParameter(
                key, source, param.type(), required, defaultValue, List.of(param.annotations()), form));
    }

    /**
     * The template's path parameters first (also those nothing binds), then the rest in binding
     * order, each (source, name) once.
     */
    List<RouteParameter> all() {
        Map<String, RouteParameter> byKey = new LinkedHashMap<>();
        for (PathTemplate.Segment segment : template.params()) {
            RouteParameter bound = described.stream()
                    .filter(p ->
                            p.source() == RouteParameter.Source.PATH && p.name().equals(segment.paramName()))
                    .findFirst()
                    .orElse(null);
            byKey.put(
                    "PATH " + segment.paramName(),
                    bound != null
                            ? bound
                            : new RouteParameter(
                                    segment.paramName(),
                                    RouteParameter.Source.PATH,
                                    segment.paramType().javaType(),
                                    true,
                                    null,
                                    List.of(),
                                    false));
        }
        for (RouteParameter parameter : described) {
            byKey.putIfAbsent(parameter.source() + " " + parameter.name(), parameter);
        }
        return List.copyOf(byKey.values());
    }
}

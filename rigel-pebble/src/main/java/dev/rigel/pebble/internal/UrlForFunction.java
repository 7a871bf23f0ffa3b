package dev.rigel.pebble.internal;

import dev.rigel.template.UrlFor;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;

/**
 * {@code url_for(name, params, query)} and {@code url_for_static(file_path, name)}: paths of named
 * routes, through the {@link UrlFor} Rigel puts in every template's context. An unknown name or
 * wrong parameters fail the render, as they are mistakes in the template.
 */
final class UrlForFunction implements Function {

    private final boolean staticFile;

    UrlForFunction(boolean staticFile) {
        this.staticFile = staticFile;
    }

    @Override
    public List<String> getArgumentNames() {
        return staticFile ? List.of("file_path", "name") : List.of("name", "params", "query");
    }

    @Override
    public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int lineNumber) {
        if (!(context.getVariable("url_for") instanceof UrlFor urls)) {
            throw new PebbleException(
                    null,
                    "url_for needs Rigel's template context (render through a Template" + " response)",
                    lineNumber,
                    self.getName());
        }
        if (staticFile) {
            Object name = args.get("name");
            return urls.path(
                    name == null ? "static" : name.toString(),
                    Map.of("file_path", String.valueOf(args.get("file_path"))));
        }
        Object name = args.get("name");
        if (name == null) {
            throw new PebbleException(null, "url_for needs a route name", lineNumber, self.getName());
        }
        return urls.path(
                name.toString(),
                map(args.get("params"), "params", self, lineNumber),
                map(args.get("query"), "query", self, lineNumber));
    }

    private static Map<String, ?> map(Object value, String what, PebbleTemplate self, int lineNumber) {
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, ?> typed = (Map<String, ?>) map;
            return typed;
        }
        throw new PebbleException(
                null,
                "url_for: " + what + " must be a map such as {'user_id': 1}, not " + value,
                lineNumber,
                self.getName());
    }
}

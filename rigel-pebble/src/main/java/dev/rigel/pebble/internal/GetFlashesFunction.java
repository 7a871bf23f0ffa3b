package dev.rigel.pebble.internal;

import dev.rigel.flash.Flash;
import dev.rigel.http.Request;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;

/**
 * {@code get_flashes()}: the flash messages waiting in the request's session, taken out so each
 * shows once (Litestar's template callable of the same name); each has {@code message} and
 * {@code category}. Empty when the template renders without a request or the app has no sessions.
 */
final class GetFlashesFunction implements Function {

    @Override
    public List<String> getArgumentNames() {
        return List.of();
    }

    @Override
    public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int lineNumber) {
        return context.getVariable("request") instanceof Request request ? Flash.take(request) : List.of();
    }
}

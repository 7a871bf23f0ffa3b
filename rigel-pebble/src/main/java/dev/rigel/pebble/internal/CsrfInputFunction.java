package dev.rigel.pebble.internal;

import dev.rigel.middleware.csrf.CSRFMiddleware;
import io.pebbletemplates.pebble.extension.Function;
import io.pebbletemplates.pebble.extension.escaper.SafeString;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.util.List;
import java.util.Map;

/**
 * {@code csrf_input()}: the hidden form field the CSRF middleware checks on unsafe requests, as
 * markup that is not escaped again; empty when the app runs without CSRF protection.
 */
final class CsrfInputFunction implements Function {

    @Override
    public List<String> getArgumentNames() {
        return List.of();
    }

    @Override
    public Object execute(Map<String, Object> args, PebbleTemplate self, EvaluationContext context, int lineNumber) {
        Object token = context.getVariable(CSRFMiddleware.STATE_KEY);
        if (token == null) {
            return new SafeString("");
        }
        return new SafeString("<input type=\"hidden\" name=\"" + CSRFMiddleware.FORM_FIELD + "\" value=\""
                + attribute(token.toString()) + "\">");
    }

    /** The token is hex, but what goes into an attribute is escaped regardless of where it came from. */
    private static String attribute(String value) {
        return value.replace("&", "&amp;")
                .replace("\"", "&quot;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("'", "&#39;");
    }
}

package dev.rigel.template;

import java.util.Map;

/**
 * Values a request gives every template it renders, beside the handler's own context: a feature
 * that runs before the handler (such as CSRF protection with its {@code csrf_token}) puts a value
 * into the request's state under {@link #stateKey(String)}, and the template renderer adds it to
 * the context under its name, unless the handler's context already has that name. The framework
 * adds {@code request} and {@code url_for} the same way.
 */
public final class TemplateContext {

    private static final String PREFIX = "rigel.template.";

    private TemplateContext() {}

    /**
     * The request-state key that makes a value visible to templates as {@code name}; compute it
     * once and keep it, e.g. in a constant.
     */
    public static String stateKey(String name) {
        return PREFIX + name;
    }

    /** Adds the template values found in a request's {@code state} to {@code context}, keeping names it has. */
    public static void addTo(Map<String, Object> context, Map<String, Object> state) {
        for (Map.Entry<String, Object> entry : state.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(PREFIX) && entry.getValue() != null) {
                context.putIfAbsent(key.substring(PREFIX.length()), entry.getValue());
            }
        }
    }
}

package dev.rigel.metrics.internal;

import dev.rigel.http.HandlerInfo;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The route label of a request: its handler's path template without parameter types
 * ({@code /users/{user_id}}), never the raw path, so the number of label values stays the number
 * of routes however many distinct URLs clients send.
 */
final class RouteLabel {

    /** Requests no route matched, by status: 404 is a missing path, anything else (405, OPTIONS) unmatched. */
    public static final String NOT_FOUND = "NOT_FOUND";

    public static final String UNMATCHED = "UNMATCHED";

    private static final Pattern TYPE = Pattern.compile("\\{([A-Za-z0-9_]+)\\s*:[^}]*}");
    /** One entry per route template: bounded by the app's routes. */
    private static final Map<String, String> LABELS = new ConcurrentHashMap<>();

    private RouteLabel() {}

    public static String of(HandlerInfo handler, int status) {
        if (handler == null) {
            return status == 404 ? NOT_FOUND : UNMATCHED;
        }
        return LABELS.computeIfAbsent(
                handler.pathTemplate(), template -> TYPE.matcher(template).replaceAll("{$1}"));
    }
}

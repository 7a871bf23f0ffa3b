package dev.rigel.htmx;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where {@code HX-Location} sends htmx: a client-side navigation that fetches {@code path} with an
 * ajax request instead of reloading the page. Every field but the path may be null (not sent).
 *
 * @param path    the URL to load
 * @param source  the element the request comes from
 * @param event   the event that "triggered" it
 * @param handler a callback that handles the response
 * @param target  the element to swap the response into
 * @param swap    how to swap it ({@link HXSwap#value()}, with modifiers if any)
 * @param values  values to send with the request
 * @param headers headers to send with the request
 * @param select  the part of the response to swap in
 */
public record HXLocation(
        String path,
        String source,
        String event,
        String handler,
        String target,
        String swap,
        Map<String, ?> values,
        Map<String, String> headers,
        String select) {

    public HXLocation {
        Objects.requireNonNull(path, "path");
        values = values == null ? null : Map.copyOf(values);
        headers = headers == null ? null : Map.copyOf(headers);
    }

    /** A location with only a path. */
    public static HXLocation of(String path) {
        return new HXLocation(path, null, null, null, null, null, null, null, null);
    }

    /** The same location swapped into {@code selector}. */
    public HXLocation target(String selector) {
        return new HXLocation(path, source, event, handler, selector, swap, values, headers, select);
    }

    /** The same location swapped in the given way. */
    public HXLocation swap(HXSwap how) {
        return new HXLocation(path, source, event, handler, target, how.value(), values, headers, select);
    }

    /** The header's value: the bare path when nothing else is set, otherwise a JSON object of the set fields. */
    String headerValue() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("path", path);
        put(fields, "source", source);
        put(fields, "event", event);
        put(fields, "handler", handler);
        put(fields, "target", target);
        put(fields, "swap", swap);
        put(fields, "values", values);
        put(fields, "headers", headers);
        put(fields, "select", select);
        return fields.size() == 1 ? path : HeaderJson.write(fields);
    }

    private static void put(Map<String, Object> fields, String name, Object value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}

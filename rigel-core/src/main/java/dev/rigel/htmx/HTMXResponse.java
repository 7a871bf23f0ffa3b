package dev.rigel.htmx;

import dev.rigel.http.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A response that also tells htmx what to do (Litestar's {@code ClientRedirect}, {@code
 * ClientRefresh}, {@code HXStopPolling}, {@code HXLocation}, {@code PushUrl}, {@code ReplaceUrl},
 * {@code Reswap}, {@code Retarget}, {@code TriggerEvent} and {@code HTMXTemplate}, as one builder):
 *
 * <pre>{@code
 * @Post("/contacts")
 * public Response<Template> add(…) {
 *     return HTMXResponse.of(Template.of("contact-row.html", Map.of("contact", saved)))
 *             .pushUrl("/contacts/" + saved.id())
 *             .retarget("#contacts")
 *             .reswap(HXSwap.BEFORE_END)
 *             .trigger("contactAdded", Map.of("id", saved.id()))
 *             .toResponse();
 * }
 * }</pre>
 *
 * Events with details go out as one JSON object per header ({@code {"contactAdded":{"id":7}}}),
 * ASCII-escaped. The content is encoded as any handler's return value (a template, text, JSON).
 * Immutable; each method returns a copy.
 *
 * @param <T> the content type
 */
public final class HTMXResponse<T> {

    /** When a triggered event fires: on receiving the response, after the swap, or after the settle. */
    public enum Timing {
        RECEIVE(HTMXHeaders.TRIGGER),
        AFTER_SWAP(HTMXHeaders.TRIGGER_AFTER_SWAP),
        AFTER_SETTLE(HTMXHeaders.TRIGGER_AFTER_SETTLE);

        private final String header;

        Timing(String header) {
            this.header = header;
        }

        /** The response header carrying events of this timing. */
        public String header() {
            return header;
        }
    }

    private final Response<T> response;
    /** events by timing, in the order added; a name's detail may be null */
    private final Map<Timing, Map<String, Object>> events;

    private HTMXResponse(Response<T> response, Map<Timing, Map<String, Object>> events) {
        this.response = response;
        this.events = events;
    }

    /** {@code content} (200 unless {@link #status} says otherwise), with htmx headers to come. */
    public static <T> HTMXResponse<T> of(T content) {
        return new HTMXResponse<>(Response.of(content), Map.of());
    }

    /** An existing response (status, cookies, headers kept), with htmx headers to come. */
    public static <T> HTMXResponse<T> of(Response<T> response) {
        return new HTMXResponse<>(Objects.requireNonNull(response, "response"), Map.of());
    }

    /** Tells htmx to load {@code url} as a full page ({@code HX-Redirect}), with no body. */
    public static Response<Void> clientRedirect(String url) {
        return Response.empty(200).header(HTMXHeaders.REDIRECT, headerValue(url));
    }

    /** Tells htmx to reload the whole page ({@code HX-Refresh: true}), with no body. */
    public static Response<Void> clientRefresh() {
        return Response.empty(200).header(HTMXHeaders.REFRESH, "true");
    }

    /** Tells htmx to navigate without a page reload ({@code HX-Location}), with no body. */
    public static Response<Void> location(HXLocation location) {
        return Response.empty(200).header(HTMXHeaders.LOCATION, headerValue(location.headerValue()));
    }

    /** Status 286, which stops htmx polling the element that asked, with no body. */
    public static Response<Void> stopPolling() {
        return Response.empty(HTMXHeaders.STOP_POLLING);
    }

    /** Answers with status 286, so htmx swaps this content in and stops polling. */
    public HTMXResponse<T> stopPollingAfter() {
        return status(HTMXHeaders.STOP_POLLING);
    }

    public HTMXResponse<T> status(int status) {
        return new HTMXResponse<>(response.status(status), events);
    }

    /** Pushes {@code url} onto the browser's history ({@code HX-Push-Url}). */
    public HTMXResponse<T> pushUrl(String url) {
        return header(HTMXHeaders.PUSH_URL, url);
    }

    /** Stops htmx from pushing a URL that {@code hx-push-url} would have pushed. */
    public HTMXResponse<T> noPushUrl() {
        return header(HTMXHeaders.PUSH_URL, "false");
    }

    /** Replaces the browser's current URL ({@code HX-Replace-Url}), without a new history entry. */
    public HTMXResponse<T> replaceUrl(String url) {
        return header(HTMXHeaders.REPLACE_URL, url);
    }

    /** Stops htmx from replacing the URL as {@code hx-replace-url} would have. */
    public HTMXResponse<T> noReplaceUrl() {
        return header(HTMXHeaders.REPLACE_URL, "false");
    }

    /** Swaps the content in another way than the element says ({@code HX-Reswap}). */
    public HTMXResponse<T> reswap(HXSwap swap) {
        return header(HTMXHeaders.RESWAP, swap.value());
    }

    /** {@link #reswap(HXSwap)} with modifiers, e.g. {@code "outerHTML swap:1s"}. */
    public HTMXResponse<T> reswap(String swap) {
        return header(HTMXHeaders.RESWAP, swap);
    }

    /** Swaps the content into another element, by CSS selector ({@code HX-Retarget}). */
    public HTMXResponse<T> retarget(String selector) {
        return header(HTMXHeaders.RETARGET, selector);
    }

    /** Swaps in only this part of the content, by CSS selector ({@code HX-Reselect}). */
    public HTMXResponse<T> reselect(String selector) {
        return header(HTMXHeaders.RESELECT, selector);
    }

    /** Triggers {@code event} on the client as soon as the response arrives ({@code HX-Trigger}). */
    public HTMXResponse<T> trigger(String event) {
        return trigger(event, null, Timing.RECEIVE);
    }

    /** Triggers {@code event} with {@code detail} (written as JSON) as soon as the response arrives. */
    public HTMXResponse<T> trigger(String event, Object detail) {
        return trigger(event, detail, Timing.RECEIVE);
    }

    /**
     * Triggers {@code event} with {@code detail} (null: none) at {@code timing}
     * ({@code HX-Trigger}, {@code HX-Trigger-After-Swap}, {@code HX-Trigger-After-Settle}).
     */
    public HTMXResponse<T> trigger(String event, Object detail, Timing timing) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(timing, "timing");
        Map<Timing, Map<String, Object>> more = new LinkedHashMap<>(events);
        Map<String, Object> named = new LinkedHashMap<>(events.getOrDefault(timing, Map.of()));
        named.put(event, detail);
        more.put(timing, named);
        return new HTMXResponse<>(response, more);
    }

    /** Any other header, or one of htmx's with a value built elsewhere. */
    public HTMXResponse<T> header(String name, String value) {
        return new HTMXResponse<>(response.header(name, headerValue(value)), events);
    }

    /** The response to return from the handler. */
    public Response<T> toResponse() {
        Response<T> out = response;
        for (Map.Entry<Timing, Map<String, Object>> entry : events.entrySet()) {
            out = out.header(entry.getKey().header(), eventsValue(entry.getValue()));
        }
        return out;
    }

    /** A bare event name when it is the only one and has no detail (htmx's short form), else JSON. */
    private static String eventsValue(Map<String, Object> named) {
        if (named.size() == 1) {
            Map.Entry<String, Object> only = named.entrySet().iterator().next();
            if (only.getValue() == null && isPlainName(only.getKey())) {
                return only.getKey();
            }
        }
        return HeaderJson.write(named);
    }

    private static boolean isPlainName(String event) {
        for (int i = 0; i < event.length(); i++) {
            char c = event.charAt(i);
            if (c < 0x21 || c > 0x7e || c == ',' || c == '"' || c == '{') {
                return false;
            }
        }
        return !event.isEmpty();
    }

    /** A header value as given; a line break would split the response head, so it is refused. */
    private static String headerValue(String value) {
        Objects.requireNonNull(value, "value");
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("An htmx header value cannot hold a line break: " + value.strip());
        }
        return value;
    }

    @Override
    public String toString() {
        return "HTMXResponse[" + response + ", events=" + events + "]";
    }
}

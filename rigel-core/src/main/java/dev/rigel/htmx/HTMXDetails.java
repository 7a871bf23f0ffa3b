package dev.rigel.htmx;

import dev.rigel.di.ParameterSource;
import dev.rigel.exceptions.ClientException;
import dev.rigel.http.Request;
import dev.rigel.protocol.Headers;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What htmx says about a request in its {@code HX-*} headers (Litestar's {@code HTMXDetails}, the
 * {@code htmx} of its {@code HTMXRequest}). Take it as a handler or dependency parameter of this
 * type, or call {@link #of(Request)}:
 *
 * <pre>{@code
 * @Get("/contacts")
 * public Template contacts(HTMXDetails htmx) {
 *     return Template.of(htmx.isHtmx() ? "contacts-rows.html" : "contacts.html", …);
 * }
 * }</pre>
 *
 * <p>Values htmx percent-encodes because they hold non-ASCII text (it then sends
 * {@code <name>-URI-AutoEncoded: true}) are decoded; a malformed encoding, or an
 * {@code HX-Triggering-Event} that is not a JSON object, is the client's error (400) when the
 * details are read. Immutable.
 */
public final class HTMXDetails {

    private final boolean htmx;
    private final boolean boosted;
    private final String currentUrl;
    private final String currentUrlAbsPath;
    private final boolean historyRestoreRequest;
    private final String prompt;
    private final String target;
    private final String trigger;
    private final String triggerName;
    private final Map<String, Object> triggeringEvent;

    private HTMXDetails(
            boolean htmx,
            boolean boosted,
            String currentUrl,
            String currentUrlAbsPath,
            boolean historyRestoreRequest,
            String prompt,
            String target,
            String trigger,
            String triggerName,
            Map<String, Object> triggeringEvent) {
        this.htmx = htmx;
        this.boosted = boosted;
        this.currentUrl = currentUrl;
        this.currentUrlAbsPath = currentUrlAbsPath;
        this.historyRestoreRequest = historyRestoreRequest;
        this.prompt = prompt;
        this.target = target;
        this.trigger = trigger;
        this.triggerName = triggerName;
        this.triggeringEvent = triggeringEvent;
    }

    /**
     * The details of {@code request}.
     *
     * @throws ClientException (400) for a malformed percent-encoded value or triggering event
     */
    public static HTMXDetails of(Request request) {
        Headers headers = request.headers();
        String currentUrl = value(headers, HTMXHeaders.CURRENT_URL);
        return new HTMXDetails(
                isTrue(headers.get(HTMXHeaders.REQUEST)),
                isTrue(headers.get(HTMXHeaders.BOOSTED)),
                currentUrl,
                currentUrl == null ? null : sameOriginPath(currentUrl, request),
                isTrue(headers.get(HTMXHeaders.HISTORY_RESTORE_REQUEST)),
                value(headers, HTMXHeaders.PROMPT),
                value(headers, HTMXHeaders.TARGET),
                value(headers, HTMXHeaders.TRIGGER),
                value(headers, HTMXHeaders.TRIGGER_NAME),
                HeaderJson.readObject(HTMXHeaders.TRIGGERING_EVENT, value(headers, HTMXHeaders.TRIGGERING_EVENT)));
    }

    /**
     * Supplies handler and provider parameters of type {@code HTMXDetails}; the app registers it
     * by default.
     */
    public static ParameterSource parameterSource() {
        return PARAMETERS;
    }

    private static final ParameterSource PARAMETERS =
            parameter -> parameter.rawType() == HTMXDetails.class ? HTMXDetails::of : null;

    /** Whether htmx sent the request ({@code HX-Request: true}); false for an ordinary page load. */
    public boolean isHtmx() {
        return htmx;
    }

    /** Whether an element with {@code hx-boost} sent it ({@code HX-Boosted}). */
    public boolean boosted() {
        return boosted;
    }

    /** The browser's URL when htmx sent the request ({@code HX-Current-URL}). */
    public Optional<String> currentUrl() {
        return Optional.ofNullable(currentUrl);
    }

    /**
     * {@link #currentUrl()} as a path with query and fragment, when it is on this request's own
     * scheme and host; empty for another origin or an unparseable URL.
     */
    public Optional<String> currentUrlAbsPath() {
        return Optional.ofNullable(currentUrlAbsPath);
    }

    /** Whether this asks for a page to restore history after a cache miss ({@code HX-History-Restore-Request}). */
    public boolean historyRestoreRequest() {
        return historyRestoreRequest;
    }

    /** The user's answer to an {@code hx-prompt} ({@code HX-Prompt}). */
    public Optional<String> prompt() {
        return Optional.ofNullable(prompt);
    }

    /** The id of the target element ({@code HX-Target}). */
    public Optional<String> target() {
        return Optional.ofNullable(target);
    }

    /** The id of the element that triggered the request ({@code HX-Trigger}). */
    public Optional<String> trigger() {
        return Optional.ofNullable(trigger);
    }

    /** The name of the element that triggered the request ({@code HX-Trigger-Name}). */
    public Optional<String> triggerName() {
        return Optional.ofNullable(triggerName);
    }

    /** The triggering event as JSON, sent by htmx's {@code event-header} extension ({@code HX-Triggering-Event}). */
    public Optional<Map<String, Object>> triggeringEvent() {
        return Optional.ofNullable(triggeringEvent);
    }

    @Override
    public String toString() {
        return htmx ? "HTMXDetails[target=" + target + ", trigger=" + trigger + "]" : "HTMXDetails[not htmx]";
    }

    private static boolean isTrue(String value) {
        return value != null && value.strip().equalsIgnoreCase("true");
    }

    /** A header's value, percent-decoded when htmx says it encoded it. */
    private static String value(Headers headers, String name) {
        String value = headers.get(name);
        if (value == null || !isTrue(headers.get(name + "-URI-AutoEncoded"))) {
            return value;
        }
        return PercentDecoding.decode(name, value);
    }

    private static String sameOriginPath(String url, Request request) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = request.scope().scheme();
        if (uri.getScheme() == null
                || uri.getRawAuthority() == null
                || !uri.getScheme().equalsIgnoreCase(scheme)
                || !uri.getRawAuthority().equalsIgnoreCase(host(request))) {
            return null;
        }
        StringBuilder path =
                new StringBuilder(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            path.append('?').append(uri.getRawQuery());
        }
        if (uri.getRawFragment() != null) {
            path.append('#').append(uri.getRawFragment());
        }
        return path.toString();
    }

    /** The host the client addressed: the {@code Host} header, else the server's address. */
    private static String host(Request request) {
        String host = request.headers().get("host");
        if (host != null) {
            return host.strip().toLowerCase(Locale.ROOT);
        }
        InetSocketAddress server = request.scope().server();
        return server == null ? "" : server.getHostString() + ":" + server.getPort();
    }
}

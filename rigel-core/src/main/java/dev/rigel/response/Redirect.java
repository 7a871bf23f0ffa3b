package dev.rigel.response;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A redirect: an empty response with a {@code Location} header. 302 by default; {@link #status}
 * takes 301, 302, 303, 307 or 308. The URL may be relative ({@code /users/1}) or absolute; it is
 * sent as given, so it must already be a valid URI reference.
 *
 * <pre>{@code
 * return Redirect.to("/search").query("q", "rigel").query("page", 2).status(303);
 * }</pre>
 *
 * <p>Immutable; each method returns a copy.
 */
public final class Redirect implements ResponseContent {

    private final String location;
    private final int status;

    private Redirect(String location, int status) {
        this.location = location;
        this.status = status;
    }

    /** A 302 redirect to {@code url}. */
    public static Redirect to(String url) {
        Objects.requireNonNull(url, "url");
        if (url.isEmpty() || url.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            // CR/LF would split the header; other controls are never valid in a URI
            throw new IllegalArgumentException("not a redirect target: '" + url + "'");
        }
        return new Redirect(url, 302);
    }

    /** The same target with another redirect status: 301, 302, 303, 307 or 308. */
    public Redirect status(int newStatus) {
        if (newStatus != 301 && newStatus != 302 && newStatus != 303 && newStatus != 307 && newStatus != 308) {
            throw new IllegalArgumentException("not a redirect status: " + newStatus);
        }
        return new Redirect(location, newStatus);
    }

    /**
     * Appends a query parameter, percent-encoded (UTF-8, space as {@code +}), before any
     * {@code #fragment} of the URL.
     */
    public Redirect query(String name, Object value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        int hash = location.indexOf('#');
        String base = hash < 0 ? location : location.substring(0, hash);
        String fragment = hash < 0 ? "" : location.substring(hash);
        String separator = base.indexOf('?') < 0 ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
        String pair = URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
        return new Redirect(base + separator + pair + fragment, status);
    }

    /** The {@code Location} header value. */
    public String location() {
        return location;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String toString() {
        return "Redirect[" + status + " " + location + "]";
    }
}

package dev.rigel;

import dev.rigel.protocol.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A handler's answer with control over status, headers, cookies and media type. The content is
 * encoded like a plain return value: String as text, byte[] as octets, anything else as JSON.
 *
 * <pre>{@code
 * return Response.of(user).status(201).header("Location", "/users/" + user.id());
 * }</pre>
 *
 * <p>Instances are immutable; each {@code with}-style method returns a copy.
 */
public final class Response<T> {

    private final T content;
    private final int status;
    private final Headers headers; // null until a header is set
    private final List<Cookie> cookies;
    private final String mediaType;

    private Response(T content, int status, Headers headers, List<Cookie> cookies, String mediaType) {
        this.content = content;
        this.status = status;
        this.headers = headers;
        this.cookies = cookies;
        this.mediaType = mediaType;
    }

    /** A response whose status is the route's default (200, 201 for POST, 204 for DELETE). */
    public static <T> Response<T> of(T content) {
        return new Response<>(content, 0, null, List.of(), null);
    }

    /** An empty response with the given status, e.g. {@code Response.empty(202)}. */
    public static Response<Void> empty(int status) {
        return new Response<Void>(null, 0, null, List.of(), null).status(status);
    }

    public T content() {
        return content;
    }

    /** The explicit status, or 0 when the route's default applies. */
    public int statusCode() {
        return status;
    }

    /** Headers set on this response (a copy; changing it does not change the response). */
    public Headers headers() {
        // most responses set no headers: keep none until one is set, and hand out a fresh map
        return headers == null ? new Headers(4) : headers.copy();
    }

    public List<Cookie> cookies() {
        return cookies;
    }

    /** The explicit media type, or null to pick one from the content. */
    public String mediaType() {
        return mediaType;
    }

    public Response<T> status(int newStatus) {
        if (newStatus < 100 || newStatus > 599) {
            throw new IllegalArgumentException("status out of range: " + newStatus);
        }
        return new Response<>(content, newStatus, headers, cookies, mediaType);
    }

    public Response<T> header(String name, String value) {
        Headers copy = headers == null ? new Headers(4) : headers.copy();
        copy.set(name, value);
        return new Response<>(content, status, copy, cookies, mediaType);
    }

    public Response<T> cookie(Cookie cookie) {
        List<Cookie> copy = new ArrayList<>(cookies);
        copy.removeIf(existing -> existing.name().equals(cookie.name()));
        copy.add(Objects.requireNonNull(cookie));
        return new Response<>(content, status, headers, List.copyOf(copy), mediaType);
    }

    public Response<T> cookie(String name, String value) {
        return cookie(Cookie.of(name, value));
    }

    public Response<T> mediaType(String newMediaType) {
        return new Response<>(content, status, headers, cookies, newMediaType);
    }

    /** The same status, headers and cookies around other content (used by after-request hooks). */
    public <U> Response<U> withContent(U newContent) {
        return new Response<>(newContent, status, headers, cookies, mediaType);
    }

    @Override
    public String toString() {
        return "Response[status=" + status + ", mediaType=" + mediaType + ", content=" + content + "]";
    }
}

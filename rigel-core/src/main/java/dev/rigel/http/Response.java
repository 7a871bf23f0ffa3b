package dev.rigel.http;

import dev.rigel.protocol.Headers;
import java.time.Instant;
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
 * <p>The content may also be a {@link dev.rigel.response.ResponseContent} (a redirect, file,
 * stream or server-sent events); this response's status, headers and cookies then apply to it.
 *
 * <p>Instances are immutable; each {@code with}-style method returns a copy.
 */
public final class Response<T> {

    private final T content;
    private final int status;
    private final Headers headers; // null until a header is set
    private final List<Cookie> cookies;
    private final String mediaType;
    private final String etag; // the entity-tag as sent, quotes (and W/) included; null when none
    private final Instant lastModified; // null when none
    private final List<BackgroundTask> background;

    private Response(T content, int status, Headers headers, List<Cookie> cookies, String mediaType) {
        this(content, status, headers, cookies, mediaType, null, null, List.of());
    }

    private Response(
            T content,
            int status,
            Headers headers,
            List<Cookie> cookies,
            String mediaType,
            String etag,
            Instant lastModified,
            List<BackgroundTask> background) {
        this.background = background;
        this.content = content;
        this.status = status;
        this.headers = headers;
        this.cookies = cookies;
        this.mediaType = mediaType;
        this.etag = etag;
        this.lastModified = lastModified;
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

    /** The {@code ETag} as sent (e.g. {@code "v1"} or {@code W/"v1"}), or null. */
    public String etag() {
        return etag;
    }

    /** The {@code Last-Modified} time, or null. */
    public Instant lastModified() {
        return lastModified;
    }

    public Response<T> status(int newStatus) {
        if (newStatus < 100 || newStatus > 599) {
            throw new IllegalArgumentException("status out of range: " + newStatus);
        }
        return new Response<>(content, newStatus, headers, cookies, mediaType, etag, lastModified, background);
    }

    public Response<T> header(String name, String value) {
        Headers copy = headers == null ? new Headers(4) : headers.copy();
        copy.set(name, value);
        return new Response<>(content, status, copy, cookies, mediaType, etag, lastModified, background);
    }

    /**
     * A strong {@code ETag}: {@code value} is the opaque tag without quotes (e.g. a version or a
     * content hash). A GET or HEAD whose {@code If-None-Match} lists it (or {@code *}) gets a 304
     * with no body, if the response would have been a 2xx.
     */
    public Response<T> etag(String value) {
        return new Response<>(
                content, status, headers, cookies, mediaType, entityTag(value, false), lastModified, background);
    }

    /**
     * A weak {@code ETag} ({@code W/"value"}): the representation is equivalent, not byte-identical.
     * {@code If-None-Match} compares weakly, so it produces 304s like a strong one.
     */
    public Response<T> weakEtag(String value) {
        return new Response<>(
                content, status, headers, cookies, mediaType, entityTag(value, true), lastModified, background);
    }

    /**
     * {@code Last-Modified} (sent in whole seconds). A GET or HEAD whose {@code If-Modified-Since} is
     * not older gets a 304, unless it also sent {@code If-None-Match} (which then decides alone).
     */
    public Response<T> lastModified(Instant time) {
        return new Response<>(
                content, status, headers, cookies, mediaType, etag, Objects.requireNonNull(time, "time"), background);
    }

    /**
     * Adds tasks to run after this response has been sent, after any added before (see
     * {@link BackgroundTask} for when exactly and on which thread).
     */
    public Response<T> background(BackgroundTask... tasks) {
        List<BackgroundTask> all = new ArrayList<>(background.size() + tasks.length);
        all.addAll(background);
        for (BackgroundTask task : tasks) {
            all.add(Objects.requireNonNull(task, "background task"));
        }
        return new Response<>(content, status, headers, cookies, mediaType, etag, lastModified, List.copyOf(all));
    }

    /** The tasks to run after this response has been sent, in order. */
    public List<BackgroundTask> backgroundTasks() {
        return background;
    }

    private static String entityTag(String value, boolean weak) {
        Objects.requireNonNull(value, "etag");
        // RFC 9110 etagc: visible ASCII except the double quote
        if (value.chars().anyMatch(c -> c < 0x21 || c == '"' || c >= 0x7f)) {
            throw new IllegalArgumentException(
                    "an ETag may hold visible ASCII characters other than '\"': '" + value + "'");
        }
        return (weak ? "W/\"" : "\"") + value + '"';
    }

    public Response<T> cookie(Cookie cookie) {
        List<Cookie> copy = new ArrayList<>(cookies);
        copy.removeIf(existing -> existing.name().equals(cookie.name()));
        copy.add(Objects.requireNonNull(cookie));
        return new Response<>(content, status, headers, List.copyOf(copy), mediaType, etag, lastModified, background);
    }

    public Response<T> cookie(String name, String value) {
        return cookie(Cookie.of(name, value));
    }

    public Response<T> mediaType(String newMediaType) {
        return new Response<>(content, status, headers, cookies, newMediaType, etag, lastModified, background);
    }

    /** The same status, headers and cookies around other content (used by after-request hooks). */
    public <U> Response<U> withContent(U newContent) {
        return new Response<>(newContent, status, headers, cookies, mediaType, etag, lastModified, background);
    }

    @Override
    public String toString() {
        return "Response[status=" + status + ", mediaType=" + mediaType + ", content=" + content + "]";
    }
}

package dev.rigel.internal.body;

import dev.rigel.exceptions.NotFoundException;
import dev.rigel.exceptions.PreconditionFailedException;
import dev.rigel.http.Request;
import dev.rigel.http.Response;
import dev.rigel.internal.files.FileContent;
import dev.rigel.internal.files.FileSource;
import dev.rigel.internal.files.PathSource;
import dev.rigel.internal.http.ByteRange;
import dev.rigel.internal.http.Conditional;
import dev.rigel.internal.http.HttpDates;
import dev.rigel.internal.json.JsonCodec;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.response.FileResponse;
import dev.rigel.response.Redirect;
import dev.rigel.response.ResponseContent;
import dev.rigel.response.ServerSentEvent;
import dev.rigel.response.Stream;
import dev.rigel.response.Template;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Prepares the {@link ResponseContent} types: status and headers are settled here, while the
 * handler's error handling still applies (a missing file is a 404), and the body is left to a
 * {@link StreamedBody} sent afterwards.
 */
public final class ContentResponses {

    /** Content types by extension; {@code Files.probeContentType} answers the rest. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("csv", "text/csv; charset=utf-8"),
            Map.entry("md", "text/markdown; charset=utf-8"),
            Map.entry("xml", "application/xml"),
            Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("ico", "image/vnd.microsoft.icon"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("zip", "application/zip"),
            Map.entry("gz", "application/gzip"),
            Map.entry("tar", "application/x-tar"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("webm", "video/webm"),
            Map.entry("mp3", "audio/mpeg"),
            Map.entry("wav", "audio/wav"),
            Map.entry("ogg", "audio/ogg"));

    private ContentResponses() {}

    /** {@code request} is null when no request is at hand (exception handlers): no HEAD, no conditions. */
    static EncodedResponse encode(
            ResponseContent content,
            Response<?> response,
            int defaultStatus,
            Request request,
            JsonCodec json,
            ResponseEncoder encoder) {
        int status = response.statusCode() != 0
                ? response.statusCode()
                : content.status() != 0 ? content.status() : defaultStatus;
        boolean head = request != null && request.method().equals("HEAD");
        Headers headers = response.headers();
        EncodedResponse encoded = switch (content) {
            case Redirect redirect -> {
                headers.set("location", redirect.location());
                headers.set("content-length", "0");
                yield new EncodedResponse(status, headers, Message.EMPTY);
            }
            case Stream stream -> {
                headers.setIfAbsent(
                        "content-type",
                        mediaType(
                                response,
                                stream.hasChosenMediaType() ? stream.mediaType() : null,
                                encoder.routeMediaType(),
                                stream.mediaType()));
                yield validated(
                        status,
                        headers,
                        response,
                        request,
                        new IteratorBody(stream.source(), json, head, stream.interruptsOnDisconnect()));
            }
            case ServerSentEvent events -> {
                headers.setIfAbsent(
                        "content-type", mediaType(response, null, encoder.routeMediaType(), "text/event-stream"));
                headers.setIfAbsent("cache-control", "no-cache");
                // nginx buffers proxied responses by default, which would hold events back
                headers.setIfAbsent("x-accel-buffering", "no");
                yield new EncodedResponse(status, headers, Message.EMPTY, new SseBody(events, json, head));
            }
            case FileResponse file ->
                file(
                        source(file),
                        file.filename(),
                        file.isInline(),
                        file.mediaType(),
                        file.chunkSize(),
                        status,
                        headers,
                        response,
                        request,
                        head,
                        encoder.routeMediaType());
            case Template template ->
                throw new IllegalStateException(template + " reached the content encoder"
                        + " unrendered; ResponseEncoder renders templates first");
        };
        encoder.addLayerDefaults(encoded.headers(), response.cookies());
        return encoded;
    }

    /**
     * The value's own choice (its {@code Response}'s, then the content's), then the route's
     * declared type, then the content's default: so a route's {@code mediaType} is what is sent
     * unless a handler picks another for one answer.
     */
    private static String mediaType(Response<?> response, String contentsOwn, String route, String fallback) {
        if (response.mediaType() != null) {
            return response.mediaType();
        }
        if (contentsOwn != null) {
            return contentsOwn;
        }
        return route != null ? route : fallback;
    }

    /** A stream with validators set on its Response can still be answered with a 304. */
    private static EncodedResponse validated(
            int status, Headers headers, Response<?> response, Request request, StreamedBody body) {
        if (response.etag() == null && response.lastModified() == null) {
            return new EncodedResponse(status, headers, Message.EMPTY, body);
        }
        Instant lastModified = response.lastModified();
        setValidators(headers, response.etag(), lastModified);
        if (request != null && status >= 200 && status < 300) {
            EncodedResponse notModified;
            try {
                notModified = conditional(request, headers, response.etag(), lastModified);
            } catch (PreconditionFailedException e) {
                body.release();
                throw e;
            }
            if (notModified != null) {
                body.release();
                return notModified;
            }
        }
        return new EncodedResponse(status, headers, Message.EMPTY, body);
    }

    static void setValidators(Headers headers, String etag, Instant lastModified) {
        if (etag != null) {
            headers.set("etag", etag);
        }
        if (lastModified != null) {
            headers.set("last-modified", HttpDates.format(lastModified));
        }
    }

    /**
     * Applies a GET/HEAD request's conditions to a 2xx response with validators: null to send it,
     * a 304 to send instead, or a {@link PreconditionFailedException} (412) when {@code If-Match}
     * or {@code If-Unmodified-Since} does not hold.
     */
    public static EncodedResponse conditional(Request request, Headers headers, String etag, Instant lastModified) {
        return switch (Conditional.evaluate(request.method(), request.headers(), etag, lastModified)) {
            case PROCEED -> null;
            case NOT_MODIFIED -> notModified(headers);
            case PRECONDITION_FAILED ->
                throw new PreconditionFailedException(
                        "The resource does not match the request's If-Match or If-Unmodified-Since condition");
        };
    }

    /** 304: the validators and other headers the 200 would have had, but nothing describing a body. */
    static EncodedResponse notModified(Headers headers) {
        headers.remove("content-type");
        headers.remove("content-length");
        headers.remove("content-disposition");
        return new EncodedResponse(304, headers, Message.EMPTY);
    }

    /**
     * An internal {@link FileContent} (a file a static files route found), sent as a
     * {@link FileResponse} with the same name and disposition would be.
     */
    static EncodedResponse encode(
            FileContent content, Response<?> response, int defaultStatus, Request request, ResponseEncoder encoder) {
        int status = response.statusCode() != 0 ? response.statusCode() : defaultStatus;
        boolean head = request != null && request.method().equals("HEAD");
        EncodedResponse encoded = file(
                content.source(),
                content.filename(),
                content.inline(),
                null,
                FileResponse.DEFAULT_CHUNK_SIZE,
                status,
                response.headers(),
                response,
                request,
                head,
                encoder.routeMediaType());
        encoder.addLayerDefaults(encoded.headers(), response.cookies());
        return encoded;
    }

    /** The file a {@link FileResponse} names, with its attributes; a 404 when it is missing or not a regular file. */
    private static FileSource source(FileResponse file) {
        Path path = file.path();
        PathSource source;
        try {
            source = PathSource.read(path);
        } catch (NoSuchFileException e) {
            throw new NotFoundException();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the attributes of " + path, e);
        }
        if (source == null) {
            throw new NotFoundException(); // a directory or device is as good as missing to the client
        }
        return source;
    }

    /**
     * Headers, validators, 304, a single range or 416, and the body of a file from any source:
     * the one place a file response is worked out.
     */
    private static EncodedResponse file(
            FileSource source,
            String filename,
            boolean inline,
            String ownMediaType,
            int chunkSize,
            int status,
            Headers headers,
            Response<?> response,
            Request request,
            boolean head,
            String routeType) {
        long size = source.size();
        Instant modified = source.lastModified();
        String etag = response.etag() != null
                ? response.etag()
                // changes whenever size or modification time does, without reading the file
                : "\"" + Long.toHexString(size) + "-" + Long.toHexString(modified.toEpochMilli()) + "\"";
        Instant lastModified = response.lastModified() != null ? response.lastModified() : modified;
        String type = response.mediaType() == null && ownMediaType == null && routeType == null
                ? contentType(filename, source)
                : mediaType(response, ownMediaType, routeType, null);
        headers.setIfAbsent("content-type", type);
        headers.setIfAbsent("content-disposition", disposition(inline, filename));
        headers.set("accept-ranges", "bytes");
        setValidators(headers, etag, lastModified);
        if (request == null || status < 200 || status >= 300) {
            headers.set("content-length", Long.toString(size));
            return new EncodedResponse(status, headers, Message.EMPTY, new FileBody(source, 0, size, chunkSize, head));
        }
        EncodedResponse notModified = conditional(request, headers, etag, lastModified);
        if (notModified != null) {
            return notModified;
        }
        String rangeHeader = request.headers().get("range");
        ByteRange range = null;
        if (rangeHeader != null && status == 200 && request.method().equals("GET")) {
            String ifRange = request.headers().get("if-range");
            if (ifRange == null || Conditional.rangeStillValid(ifRange, etag, lastModified)) {
                range = ByteRange.parse(rangeHeader, size);
            }
        }
        if (range == ByteRange.UNSATISFIABLE) {
            Headers refused = new Headers(4);
            refused.set("content-range", "bytes */" + size);
            refused.set("accept-ranges", "bytes");
            refused.set("content-length", "0");
            return new EncodedResponse(416, refused, Message.EMPTY);
        }
        if (range != null) {
            headers.set("content-range", "bytes " + range.start() + "-" + range.end() + "/" + size);
            headers.set("content-length", Long.toString(range.length()));
            return new EncodedResponse(
                    206, headers, Message.EMPTY, new FileBody(source, range.start(), range.length(), chunkSize, head));
        }
        headers.set("content-length", Long.toString(size));
        return new EncodedResponse(status, headers, Message.EMPTY, new FileBody(source, 0, size, chunkSize, head));
    }

    static String contentType(String filename, FileSource source) {
        int dot = filename.lastIndexOf('.');
        if (dot >= 0) {
            String known = TYPES.get(filename.substring(dot + 1).toLowerCase(Locale.ROOT));
            if (known != null) {
                return known;
            }
        }
        String probed = source.probeContentType();
        return probed != null ? probed : ResponseEncoder.OCTETS;
    }

    /**
     * RFC 6266: a quoted ASCII {@code filename} every client understands, plus {@code filename*}
     * (RFC 8187, UTF-8, percent-encoded) when the real name is not plain ASCII.
     */
    static String disposition(boolean inline, String filename) {
        StringBuilder fallback = new StringBuilder(filename.length());
        boolean ascii = true;
        for (int i = 0; i < filename.length(); i++) {
            char c = filename.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                fallback.append(c == '"' || c == '\\' ? '_' : c);
            } else {
                ascii = false;
                if (!Character.isLowSurrogate(c)) {
                    fallback.append('_');
                }
            }
        }
        String value = (inline ? "inline" : "attachment") + "; filename=\"" + fallback + "\"";
        if (ascii) {
            return value;
        }
        // URLEncoder is form encoding: space becomes '+', and a few attr-chars get escaped needlessly
        String encoded = URLEncoder.encode(filename, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A");
        return value + "; filename*=UTF-8''" + encoded;
    }
}

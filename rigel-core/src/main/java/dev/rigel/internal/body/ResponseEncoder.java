package dev.rigel.internal.body;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.rigel.http.Cookie;
import dev.rigel.http.Request;
import dev.rigel.http.Response;
import dev.rigel.internal.files.FileContent;
import dev.rigel.internal.json.BodyFormat;
import dev.rigel.internal.json.JsonCodec;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.response.ResponseContent;
import dev.rigel.response.Template;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns what a handler returned into bytes: String as UTF-8 text, byte[] as octets, what the route's
 * return DTO shapes through it, anything else as JSON; then adds the layers' response headers and cookies where the handler set none.
 * Redirects, files, streams and server-sent events are recognised by one type check and handed to
 * {@link ContentResponses}.
 */
public final class ResponseEncoder {

    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String JSON = "application/json";
    static final String OCTETS = "application/octet-stream";

    private final JsonCodec json;
    private final ObjectWriter writer;
    private final Class<?> writerType;
    private final String mediaType;
    private final List<String[]> layerHeaders;
    private final List<Cookie> layerCookies;
    private final TemplateRenderer templates;
    /** the route's return DTO, or null */
    private final DTOResponseWriter dtoWriter;

    public ResponseEncoder(
            JsonCodec json,
            ObjectWriter writer,
            Class<?> writerType,
            String mediaType,
            List<String[]> layerHeaders,
            List<Cookie> layerCookies,
            TemplateRenderer templates) {
        this(json, writer, writerType, mediaType, layerHeaders, layerCookies, templates, null);
    }

    public ResponseEncoder(
            JsonCodec json,
            ObjectWriter writer,
            Class<?> writerType,
            String mediaType,
            List<String[]> layerHeaders,
            List<Cookie> layerCookies,
            TemplateRenderer templates,
            DTOResponseWriter dtoWriter) {
        this.templates = templates;
        this.dtoWriter = dtoWriter;
        this.json = json;
        this.writer = writer;
        this.writerType = writerType;
        this.mediaType = mediaType;
        this.layerHeaders = layerHeaders;
        this.layerCookies = layerCookies;
    }

    /** Encodes without a request at hand (exception handlers): no conditional answers, no HEAD. */
    public EncodedResponse encode(Response<?> response, int defaultStatus) {
        return encode(response, defaultStatus, null);
    }

    /**
     * Encodes {@code response} for {@code request}: validators ({@code ETag}, {@code Last-Modified})
     * the client already holds turn a 2xx answer to GET/HEAD into a 304 without body. Redirects,
     * files, streams and events are prepared by {@link ContentResponses}.
     */
    public EncodedResponse encode(Response<?> response, int defaultStatus, Request request) {
        return encode(response, defaultStatus, request, request);
    }

    /**
     * As {@link #encode(Response, int, Request)}; {@code templateRequest} is the request a template
     * sees, given even where {@code request} is null so no conditional answer is made (exception
     * handlers' responses).
     */
    public EncodedResponse encode(Response<?> response, int defaultStatus, Request request, Request templateRequest) {
        if (response.content() instanceof Template template) {
            response = templates.render(response, template, templateRequest, mediaType);
        }
        Object content = response.content();
        if (content instanceof ResponseContent special) {
            return ContentResponses.encode(special, response, defaultStatus, request, json, this);
        }
        if (content instanceof FileContent file) {
            // a static files route's file; not a ResponseContent, whose permits are public API
            return ContentResponses.encode(file, response, defaultStatus, request, this);
        }
        int status = response.statusCode() != 0 ? response.statusCode() : defaultStatus;
        String type = response.mediaType() != null ? response.mediaType() : mediaType;
        Headers headers = response.headers();
        byte[] body;
        if (status == 204 || status == 304 || status < 200 || content == null) {
            body = Message.EMPTY;
        } else if (content instanceof String text) {
            body = text.getBytes(StandardCharsets.UTF_8);
            type = type != null ? type : TEXT;
        } else if (content instanceof byte[] bytes) {
            body = bytes;
            type = type != null ? type : OCTETS;
        } else if (type == null && !json.formats().isEmpty() && request != null) {
            // the app reads and writes formats besides JSON: Accept picks one (JSON unless preferred)
            BodyFormat format = json.negotiate(request.headers().getAll("accept"));
            headers.add("vary", "Accept");
            if (format == null) {
                body = jsonBody(content);
                type = JSON;
            } else {
                body = dtoWriter == null ? null : dtoWriter.encode(content, format);
                body = body != null ? body : encodeIn(format, content);
                type = format.mediaType();
            }
        } else {
            body = jsonBody(content);
            type = type != null ? type : JSON;
        }
        if (type != null && body.length > 0) {
            headers.setIfAbsent("content-type", type);
        }
        if (status != 204 && status != 304 && status >= 200) {
            headers.set("content-length", Integer.toString(body.length));
        }
        // two field reads for responses without validators: the common case stays as it was
        if (response.etag() != null || response.lastModified() != null) {
            ContentResponses.setValidators(headers, response.etag(), response.lastModified());
            EncodedResponse notModified = request != null && status >= 200 && status < 300
                    ? ContentResponses.conditional(request, headers, response.etag(), response.lastModified())
                    : null;
            if (notModified != null) {
                addLayerDefaults(notModified.headers(), response.cookies());
                return notModified;
            }
        }
        addLayerDefaults(headers, response.cookies());
        return new EncodedResponse(status, headers, body);
    }

    /** The media type the route declared, or null. */
    String routeMediaType() {
        return mediaType;
    }

    private byte[] jsonBody(Object content) {
        byte[] body = dtoWriter == null ? null : dtoWriter.encode(content);
        if (body == null) {
            // the prepared writer knows the declared generic type (List<User>); use it when the value fits
            body = writer != null && writerType.isInstance(content)
                    ? json.encode(writer, content)
                    : json.encode(content);
        }
        return body;
    }

    private static byte[] encodeIn(BodyFormat format, Object content) {
        try {
            return format.mapper().writeValueAsBytes(content);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(
                    "Cannot encode " + content.getClass().getName() + " as " + format.name() + ": "
                            + e.getOriginalMessage(),
                    e);
        }
    }

    /** Adds the layers' headers and cookies, and the response's own cookies, to {@code headers}. */
    void addLayerDefaults(Headers headers, List<Cookie> ownCookies) {
        for (String[] header : layerHeaders) {
            headers.setIfAbsent(header[0], header[1]);
        }
        for (Cookie cookie : layerCookies) {
            if (ownCookies.stream().noneMatch(own -> own.name().equals(cookie.name()))) {
                headers.add("set-cookie", cookie.toHeaderValue());
            }
        }
        for (Cookie cookie : ownCookies) {
            headers.add("set-cookie", cookie.toHeaderValue());
        }
    }
}

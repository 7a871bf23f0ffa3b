package dev.rigel.internal.exchange;

import dev.rigel.di.Scoped;
import dev.rigel.exceptions.ClientException;
import dev.rigel.exceptions.RequestEntityTooLargeException;
import dev.rigel.form.FormData;
import dev.rigel.http.HandlerInfo;
import dev.rigel.http.QueryParams;
import dev.rigel.http.Request;
import dev.rigel.http.State;
import dev.rigel.internal.body.ReceiveInputStream;
import dev.rigel.internal.form.FormReader;
import dev.rigel.internal.json.JsonBodies;
import dev.rigel.internal.json.JsonCodec;
import dev.rigel.internal.text.CookieParser;
import dev.rigel.internal.text.QueryStringParser;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP request in flight: the {@link Request} handlers see, plus the per-request dependency
 * values and the cleanups to run once the response is built. Query, cookies and body are parsed
 * on first use.
 */
public class Exchange implements Request {

    private static final Logger LOG = LoggerFactory.getLogger("dev.rigel.forms");

    private final Scope scope;
    private final Receive receive;
    private final ExchangeServices services;
    private final HandlerInfo handler;
    private final long maxBodySize;
    private QueryParams query;
    private Map<String, String> cookies;
    private byte[] body;
    /** Set once the body was handed out as a stream, which leaves nothing for {@link #body()}. */
    private boolean bodyStreamed;
    /** The body's stream, once handed out. */
    private ReceiveInputStream bodyInput;

    private FormData form;
    /** Why reading the form failed, raised again on a second attempt (the body is gone by then). */
    private RuntimeException formFailure;

    // Per-request slots the route's own machinery fills and reads (binding, the response cache,
    // the route plan). Plain fields: they are written and read once or twice per request.

    /** The values of the route's dependencies, by slot. */
    public Object[] dependencyValues;

    public List<Scoped.Cleanup> cleanups;
    /** The response-cache key, once a cached route has looked the request up. */
    public String cacheKey;
    /**
     * The response-cache flight this request leads (it missed first), released once it has an
     * answer; typed by the cache, which owns it.
     */
    public Object cacheFlight;
    /** The background tasks of the response the route produced. */
    public List<dev.rigel.http.BackgroundTask> background = List.of();

    public Exchange(Scope scope, Receive receive, ExchangeServices services, HandlerInfo handler, long maxBodySize) {
        this.scope = scope;
        this.receive = receive;
        this.services = services;
        this.handler = handler;
        this.maxBodySize = maxBodySize;
    }

    public void addCleanup(Scoped.Cleanup cleanup) {
        if (cleanups == null) {
            cleanups = new ArrayList<>(2);
        }
        cleanups.add(cleanup);
    }

    @Override
    public Scope scope() {
        return scope;
    }

    @Override
    public String method() {
        return scope.method();
    }

    @Override
    public String path() {
        return scope.path();
    }

    @Override
    public Headers headers() {
        return scope.headers();
    }

    @Override
    public QueryParams query() {
        QueryParams current = query;
        if (current == null) {
            current = QueryStringParser.parse(scope.queryString());
            query = current;
        }
        return current;
    }

    @Override
    public Map<String, String> cookies() {
        Map<String, String> current = cookies;
        if (current == null) {
            current = CookieParser.parse(scope.headers().getAll("cookie"));
            cookies = current;
        }
        return current;
    }

    @Override
    public Map<String, Object> pathParams() {
        return scope.pathParams();
    }

    @Override
    public Map<String, Object> state() {
        return scope.state();
    }

    @Override
    public State appState() {
        return services.state();
    }

    @Override
    public byte[] body() {
        byte[] current = body;
        if (current == null) {
            if (bodyStreamed) {
                throw new IllegalStateException(
                        form != null || formFailure != null
                                ? "The request body was already read as a form; use request.form()"
                                : "The request body was already read with request.stream(); it can be read only once");
            }
            current = readBody();
            body = current;
        }
        return current;
    }

    /**
     * The body for the JSON decoder: a non-empty body must be declared JSON (415 otherwise); an
     * empty one is left for the decoder to refuse or, for optional bodies, to read as absent.
     */
    public byte[] jsonBody() {
        byte[] current = body();
        if (current.length > 0) {
            JsonBodies.requireJsonType(scope.headers().get("content-type"));
        }
        return current;
    }

    /** The app's JSON codec, which also knows the body formats plugins added. */
    public JsonCodec jsonCodec() {
        return services.json();
    }

    @Override
    public FormData form() {
        FormData current = form;
        if (current == null) {
            if (formFailure != null) {
                throw formFailure;
            }
            try {
                current = FormReader.read(
                        scope.headers().get("content-type"),
                        declaredLength(),
                        bodyStream(),
                        services.formConfig(),
                        this::deleteAfterResponse);
            } catch (RuntimeException e) {
                formFailure = e;
                throw e;
            }
            form = current;
        }
        return current;
    }

    @Override
    public InputStream stream() {
        if (body != null) {
            throw new IllegalStateException(
                    "The request body was already read whole (body(), text(), json() or a data parameter);"
                            + " request.stream() must be the first and only reader");
        }
        if (bodyStreamed) {
            throw new IllegalStateException(
                    form != null || formFailure != null
                            ? "The request body was already read as a form; request.stream() must be the first and only reader"
                            : "request.stream() was already called; the request body can be read only once");
        }
        return bodyStream();
    }

    /**
     * The body as a stream: the bytes already read if {@link #body()} ran, else straight from the
     * client (then {@code body()} has nothing left to give).
     */
    InputStream bodyStream() {
        if (body != null) {
            return new ByteArrayInputStream(body);
        }
        if (bodyStreamed) {
            throw new IllegalStateException("The request body was already read as a stream");
        }
        bodyStreamed = true;
        bodyInput = new ReceiveInputStream(receive, maxBodySize);
        return bodyInput;
    }

    /**
     * The request's receive for watching the client while a streamed response is sent, or null
     * when the body may still be wanted. Next from {@code receive} must be the body's end or the
     * disconnect, never a chunk someone else needs: so the body was read whole, or its stream
     * reached the end, or the request announced no body at all (a GET) and none was read; then the
     * (empty) body is settled here, so a late {@link #body()} does not race the watcher for it.
     */
    public Receive receiveAfterBody() {
        if (body != null || (bodyInput != null && bodyInput.ended())) {
            return receive;
        }
        if (!bodyStreamed && !announcesBody()) {
            body = Message.EMPTY;
            return receive;
        }
        return null;
    }

    private boolean announcesBody() {
        Headers headers = scope.headers();
        if (headers.contains("transfer-encoding") || declaredLength() != 0 && headers.contains("content-length")) {
            return true;
        }
        // HTTP/2 frames a body without either header: unless the length says 0, only a GET or HEAD
        // is taken to have none (a body on those has no meaning a server may rely on, RFC 9110 9.3)
        return "2".equals(scope.httpVersion())
                && !headers.contains("content-length")
                && !scope.method().equals("GET")
                && !scope.method().equals("HEAD");
    }

    private long declaredLength() {
        String declared = scope.headers().get("content-length");
        try {
            return declared == null ? -1 : Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Deletes a temporary file with the request's cleanups (once the response is built, or sent when
     * streamed), whether the handler succeeded or not.
     */
    private void deleteAfterResponse(Path file) {
        addCleanup(outcome -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("Could not delete the uploaded file {}", file, e);
            }
        });
    }

    /**
     * Refuses a body whose declared length is over the route's limit before the handler runs, so
     * the limit holds even for handlers that never read the body.
     */
    public void rejectDeclaredOversizedBody() {
        String declared = scope.headers().get("content-length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > maxBodySize) {
                    throw new RequestEntityTooLargeException();
                }
            } catch (NumberFormatException e) {
                throw new ClientException("Invalid Content-Length header: '" + declared + "'");
            }
        }
    }

    private byte[] readBody() {
        // the declared length was checked before the handler ran; the running total below holds the limit
        ByteArrayOutputStream out = null;
        byte[] single = null;
        long total = 0;
        try {
            while (true) {
                Message message = receive.receive();
                if (message instanceof Message.RequestBody chunk) {
                    total += chunk.body().length;
                    if (total > maxBodySize) {
                        throw new RequestEntityTooLargeException();
                    }
                    if (single == null && out == null) {
                        single = chunk.body();
                    } else {
                        if (out == null) {
                            out = new ByteArrayOutputStream((int) Math.min(maxBodySize, Math.max(256, total * 2)));
                            out.writeBytes(single);
                        }
                        out.writeBytes(chunk.body());
                    }
                    if (!chunk.moreBody()) {
                        break;
                    }
                } else {
                    if (total == 0 && single == null) {
                        break;
                    }
                    throw new ClientException("The client went away before sending the whole body");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("Interrupted while reading the request body");
        }
        if (out != null) {
            return out.toByteArray();
        }
        return single == null ? Message.EMPTY : single;
    }

    @Override
    public String text() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    @Override
    public <T> T json(Class<T> type) {
        return type.cast(services.json().decode(services.json().reader(type), jsonBody(), method(), path()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T json(Type type) {
        return (T) services.json().decode(services.json().reader(type), jsonBody(), method(), path());
    }

    @Override
    public Optional<InetSocketAddress> client() {
        return Optional.ofNullable(scope.client());
    }

    @Override
    public HandlerInfo handler() {
        return handler;
    }

    @Override
    public String urlFor(String routeName, Map<String, ?> pathParams, Map<String, ?> query) {
        // an app mounted under a prefix (Mount) names its routes below that prefix
        return baseUrl() + scope.rootPath() + services.routeReverse(routeName, pathParams, query);
    }

    /** {@code scheme://host[:port]} as the client addressed this server. */
    private String baseUrl() {
        String host = scope.headers().get("host");
        if (host == null || host.isBlank()) {
            InetSocketAddress server = scope.server();
            host = server == null ? "localhost" : server.getHostString() + ":" + server.getPort();
        }
        String scheme = scope.scheme() == null ? "http" : scope.scheme();
        return scheme + "://" + host.trim();
    }

    @Override
    public String toString() {
        return "Request[" + scope + "]";
    }
}

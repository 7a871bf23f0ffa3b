package dev.rigel.problem;

import dev.rigel.exceptions.HttpException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An error answered as RFC 9457 problem details where a problem-details handler is in force (the
 * {@link ProblemDetailsPlugin} or {@link ProblemDetailsConfig#applyTo}); elsewhere it is an
 * ordinary {@link HttpException} with Rigel's standard body. Described fluently before it is thrown:
 *
 * <pre>{@code
 * throw new ProblemDetailsException(403, "Your balance is 30, but that costs 50.")
 *         .type("https://example.com/probs/out-of-credit")
 *         .title("You do not have enough credit.")
 *         .instance("/account/12345/msgs/abc")
 *         .extension("balance", 30);
 * }</pre>
 *
 * <p>Without a {@code type} the problem is {@code about:blank}, and then its title is the status's
 * reason phrase unless one is given (RFC 9457 4.2.1). Extensions become top-level members; they
 * cannot replace the standard ones.
 */
public class ProblemDetailsException extends HttpException {

    /** The members RFC 9457 defines, which extensions may not use. */
    static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "detail", "instance");

    private final String problemDetail;
    private String type;
    private String title;
    private String instance;
    private final Map<String, Object> extensions = new LinkedHashMap<>();

    /** A problem with {@code status} (4xx or 5xx) and a {@code detail} for this occurrence (may be null). */
    public ProblemDetailsException(int status, String detail) {
        this(status, detail, null);
    }

    /** As {@link #ProblemDetailsException(int, String)}, with response headers (e.g. {@code Retry-After}). */
    public ProblemDetailsException(int status, String detail, Map<String, String> headers) {
        super(status, detail, headers, null);
        this.problemDetail = detail == null || detail.isBlank() ? null : detail;
    }

    /** A problem with {@code status} only: {@code about:blank} with the reason phrase as title. */
    public ProblemDetailsException(int status) {
        this(status, null, null);
    }

    /** The problem type's URI reference; {@code about:blank} when none is set. */
    public ProblemDetailsException type(String typeUri) {
        this.type = typeUri;
        return this;
    }

    /** A short summary of the problem type (the same for every occurrence). */
    public ProblemDetailsException title(String summary) {
        this.title = summary;
        return this;
    }

    /** A URI reference naming this occurrence of the problem. */
    public ProblemDetailsException instance(String uri) {
        this.instance = uri;
        return this;
    }

    /** Adds an extension member ({@code "balance": 30}); a standard member's name is refused. */
    public ProblemDetailsException extension(String name, Object value) {
        Objects.requireNonNull(name, "name");
        if (STANDARD_MEMBERS.contains(name)) {
            throw new IllegalArgumentException(
                    "'" + name + "' is a standard problem-details member; set it with its own method");
        }
        extensions.put(name, value);
        return this;
    }

    /** Adds every entry of {@code members} as {@link #extension(String, Object)} does. */
    public ProblemDetailsException extensions(Map<String, ?> members) {
        members.forEach(this::extension);
        return this;
    }

    /** The {@code type} member: the URI set, or {@code about:blank}. */
    public String type() {
        return type == null ? "about:blank" : type;
    }

    /** The {@code title} member: the one set, else the reason phrase for {@code about:blank}, else null. */
    public String title() {
        if (title != null) {
            return title;
        }
        return type == null ? dev.rigel.spi.StatusReasons.reason(statusCode()) : null;
    }

    /** The {@code detail} member as given, or null (not the reason phrase {@link #detail()} falls back to). */
    public String problemDetail() {
        return problemDetail;
    }

    /** The {@code instance} member, or null. */
    public String instance() {
        return instance;
    }

    /** The extension members, in the order they were added. */
    public Map<String, Object> extensions() {
        return Collections.unmodifiableMap(extensions);
    }

    /** The problem-details object: standard members first (absent ones left out), then extensions. */
    public Map<String, Object> toProblem() {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type());
        String shownTitle = title();
        if (shownTitle != null) {
            problem.put("title", shownTitle);
        }
        problem.put("status", statusCode());
        if (problemDetail != null) {
            problem.put("detail", problemDetail);
        }
        if (instance != null) {
            problem.put("instance", instance);
        }
        problem.putAll(extensions);
        return problem;
    }
}

package dev.rigel.response;

import java.time.Duration;

/**
 * One server-sent event. Every field is optional; null fields are left out. {@code data} may span
 * lines: each line becomes its own {@code data:} field (CR LF, CR and LF all split), which the
 * browser joins back with {@code \n}. {@code comment} lines are sent as {@code : text} and ignored
 * by browsers. {@code event} and {@code id} must be one line; {@code id} must not contain NUL.
 *
 * <pre>{@code
 * SseEvent.of("{\"price\": 12}").withEvent("tick").withId("42")
 * }</pre>
 */
public record SseEvent(String event, String data, String id, Duration retry, String comment) {

    /**
     * Put into a {@link ServerSentEvent#fromQueue queue} to end the stream. Recognised by identity:
     * an equal event made elsewhere is an ordinary comment.
     */
    public static final SseEvent END = new SseEvent(null, null, null, null, "end of stream");

    public SseEvent {
        if (event != null && (event.indexOf('\n') >= 0 || event.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException("an SSE event name must be one line: '" + event + "'");
        }
        if (id != null && (id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0 || id.indexOf('\0') >= 0)) {
            throw new IllegalArgumentException("an SSE id must be one line without NUL: '" + id + "'");
        }
        if (retry != null && retry.isNegative()) {
            throw new IllegalArgumentException("retry must not be negative: " + retry);
        }
    }

    /** An event with only data (the browser's {@code message} event). */
    public static SseEvent of(String data) {
        return new SseEvent(null, data, null, null, null);
    }

    /** A comment-only event; browsers ignore it, proxies see traffic. */
    public static SseEvent comment(String text) {
        return new SseEvent(null, null, null, null, text);
    }

    public SseEvent withEvent(String newEvent) {
        return new SseEvent(newEvent, data, id, retry, comment);
    }

    public SseEvent withData(String newData) {
        return new SseEvent(event, newData, id, retry, comment);
    }

    public SseEvent withId(String newId) {
        return new SseEvent(event, data, newId, retry, comment);
    }

    /** How long the browser waits before reconnecting (sent in whole milliseconds). */
    public SseEvent withRetry(Duration newRetry) {
        return new SseEvent(event, data, id, newRetry, comment);
    }

    public SseEvent withComment(String newComment) {
        return new SseEvent(event, data, id, retry, newComment);
    }
}

package dev.rigel.middleware.csrf;

import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads a form body to find the CSRF token field, and hands the handler a {@link Receive} that
 * replays the same bytes, so checking the token costs the handler nothing. Only the first bytes up
 * to a limit are read: buffering an unbounded body here would bypass the route's own body-size
 * limit. A url-encoded form must fit whole; in a multipart form (file uploads) the token part must
 * be complete within the limit, which it is when the form puts its hidden token input before the
 * file inputs, as {@code csrf_input()} at the top of a form does.
 */
final class FormTokenReader {

    private final byte[] body;
    private final boolean complete;
    private final int limit;

    private FormTokenReader(byte[] body, boolean complete, int limit) {
        this.body = body;
        this.complete = complete;
        this.limit = limit;
    }

    /** Reads the body from {@code receive}, stopping once more than {@code limit} bytes have arrived. */
    public static FormTokenReader read(Receive receive, int limit) throws InterruptedException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        while (true) {
            Message message = receive.receive();
            if (!(message instanceof Message.RequestBody chunk)) {
                return new FormTokenReader(buffer.toByteArray(), true, limit);
            }
            buffer.writeBytes(chunk.body());
            if (buffer.size() > limit) {
                return new FormTokenReader(buffer.toByteArray(), false, limit);
            }
            if (!chunk.moreBody()) {
                return new FormTokenReader(buffer.toByteArray(), true, limit);
            }
        }
    }

    /**
     * The value of text field {@code name} among the multipart parts read so far, or null; the
     * parts after the limit are never looked at.
     */
    public String multipartField(String contentType, String name) {
        // however large the chunks were, only the first limit bytes count, so the rule does not
        // depend on how the client's body happened to be split
        byte[] searched = body.length <= limit ? body : java.util.Arrays.copyOf(body, limit);
        return dev.rigel.internal.form.FormReader.peekField(contentType, searched, name, 1000);
    }

    /** The first value of form field {@code name}, or null when absent, malformed or past the limit. */
    public String field(String name) {
        if (!complete) {
            return null;
        }
        String form = new String(body, StandardCharsets.ISO_8859_1);
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            try {
                if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException malformedEscape) {
                // a broken %-escape cannot be the token; keep looking, the handler sees the body as sent
            }
        }
        return null;
    }

    /** A receive that yields the bytes read so far as one chunk, then continues with {@code rest}. */
    public Receive replay(Receive rest) {
        boolean[] replayed = {false};
        return () -> {
            if (!replayed[0]) {
                replayed[0] = true;
                return new Message.RequestBody(body, !complete);
            }
            return rest.receive();
        };
    }
}

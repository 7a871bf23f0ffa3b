package dev.rigel.middleware.csrf.internal;

import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads an {@code application/x-www-form-urlencoded} body to find the CSRF token field, and hands
 * the handler a {@link Receive} that replays the same bytes, so checking the token costs the
 * handler nothing. Only bodies up to a limit are searched: a form carrying a token is small, and
 * buffering an unbounded body here would bypass the route's own body-size limit.
 */
public final class FormTokenReader {

    private final byte[] body;
    private final boolean complete;

    private FormTokenReader(byte[] body, boolean complete) {
        this.body = body;
        this.complete = complete;
    }

    /** Reads the body from {@code receive}, stopping once more than {@code limit} bytes have arrived. */
    public static FormTokenReader read(Receive receive, int limit) throws InterruptedException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        while (true) {
            Message message = receive.receive();
            if (!(message instanceof Message.RequestBody chunk)) {
                return new FormTokenReader(buffer.toByteArray(), true);
            }
            buffer.writeBytes(chunk.body());
            if (buffer.size() > limit) {
                return new FormTokenReader(buffer.toByteArray(), false);
            }
            if (!chunk.moreBody()) {
                return new FormTokenReader(buffer.toByteArray(), true);
            }
        }
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

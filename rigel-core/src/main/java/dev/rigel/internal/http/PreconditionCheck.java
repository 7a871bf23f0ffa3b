package dev.rigel.internal.http;

import dev.rigel.protocol.Headers;
import java.time.Instant;

/** The public face of {@link Conditional} for {@link dev.rigel.http.Preconditions}. */
public final class PreconditionCheck {

    private PreconditionCheck() {}

    /** Whether a precondition fails; {@code etag} as sent (quoted), null with no date: no resource. */
    public static boolean fails(String method, Headers request, String etag, Instant lastModified) {
        boolean exists = etag != null || lastModified != null;
        if (Conditional.preconditionFails(request, etag, lastModified, exists)) {
            return true;
        }
        boolean safe = method.equals("GET") || method.equals("HEAD");
        return !safe && Conditional.noneMatchOrNotModifiedSince(request, etag, lastModified, false);
    }
}

package dev.rigel.http;

import dev.rigel.exceptions.PreconditionFailedException;
import dev.rigel.internal.http.PreconditionCheck;
import java.time.Instant;

/**
 * Checks a state-changing request's preconditions (RFC 9110 section 13) against the current state
 * of the resource, before the handler changes it: the lost-update protection of
 * {@code If-Match} and {@code If-Unmodified-Since}, and the create-only {@code If-None-Match: *}.
 *
 * <pre>{@code
 * @Put("/{id:int}")
 * Document replace(int id, Document data, Request request, Documents docs) {
 *     Document current = docs.get(id);   // null when there is none yet
 *     Preconditions.check(request, current == null ? null : current.version(),
 *             current == null ? null : current.updatedAt());
 *     return docs.save(id, data);
 * }
 * }</pre>
 *
 * Rigel cannot do this by itself for PUT, PATCH, POST or DELETE: the response's validators
 * describe the resource after the change, and the conditions are about the state before it. For
 * GET and HEAD the response's own validators are the current state, so Rigel evaluates those
 * requests' conditions itself (304, or 412 for {@code If-Match}/{@code If-Unmodified-Since}).
 */
public final class Preconditions {

    private Preconditions() {}

    /**
     * Evaluates, in RFC 9110 order: {@code If-Match} (strong comparison; {@code *} holds when the
     * resource exists), or without it {@code If-Unmodified-Since}; then, for methods other than
     * GET and HEAD, {@code If-None-Match} (weak comparison; {@code *} holds when the resource
     * exists).
     *
     * @param etag the current entity-tag's opaque value without quotes (as given to
     *        {@code Response.etag}), or null when the resource has none
     * @param lastModified the current modification time, or null when unknown
     *        (both null: the resource does not exist)
     * @throws PreconditionFailedException (412) when a condition does not hold
     */
    public static void check(Request request, String etag, Instant lastModified) {
        if (etag != null && etag.indexOf('"') >= 0) {
            throw new IllegalArgumentException("pass the entity-tag's value without quotes, got " + etag);
        }
        if (PreconditionCheck.fails(
                request.method(), request.headers(), etag == null ? null : '"' + etag + '"', lastModified)) {
            throw new PreconditionFailedException(
                    "The resource's current state does not match the request's" + " preconditions");
        }
    }
}

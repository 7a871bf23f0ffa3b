package dev.rigel.response;

/**
 * Content a handler returns that Rigel sends itself rather than encoding as text, octets or JSON.
 * Sealed: one type check tells the encoder it is not an ordinary value.
 */
public sealed interface ResponseContent permits Redirect, FileResponse, Stream, ServerSentEvent, Template {

    /** The status this content answers with when the handler's {@code Response} sets none, or 0. */
    default int status() {
        return 0;
    }
}

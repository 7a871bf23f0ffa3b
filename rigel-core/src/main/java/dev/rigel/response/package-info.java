/**
 * Responses Rigel sends itself instead of encoding one body: {@link dev.rigel.response.Redirect},
 * {@link dev.rigel.response.FileResponse}, {@link dev.rigel.response.Stream} and
 * {@link dev.rigel.response.ServerSentEvent}. A handler returns one directly, or inside a
 * {@link dev.rigel.http.Response} to add status, headers or cookies.
 *
 * <p>Streamed responses (files, streams, events) are sent after the handler returned, so the
 * cleanups of scoped dependencies ({@code Scoped.of(value, cleanup)}) run after the last message
 * was sent: the stream may still use what the handler was given. A cleanup failing then can no
 * longer change the response; it is logged.
 */
package dev.rigel.response;

package dev.rigel.internal.body;

import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Send;
import java.io.IOException;

/**
 * A response ready for the wire: status, headers (with content-length) and the whole body, or,
 * for files, streams and events, a {@link StreamedBody} that sends the body itself.
 */
public record EncodedResponse(int status, Headers headers, byte[] body, StreamedBody streamed) {

    public EncodedResponse(int status, Headers headers, byte[] body) {
        this(status, headers, body, null);
    }

    public void send(Send send) throws IOException {
        send(send, null);
    }

    /**
     * Sends the response; {@code receive} (the request's, once its body was taken, or null) lets a
     * streamed body notice the client leaving while its source waits.
     */
    public void send(Send send, Receive receive) throws IOException {
        if (streamed != null) {
            streamed.send(send, receive, status, headers);
            return;
        }
        send.send(new Message.ResponseStart(status, headers));
        send.send(body.length == 0 ? Message.ResponseBody.EMPTY_LAST : new Message.ResponseBody(body, false));
    }
}

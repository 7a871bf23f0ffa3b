package dev.rigel.internal.app;

import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Send;
import java.io.IOException;

/** A response ready for the wire: status, headers (with content-length) and the whole body. */
record EncodedResponse(int status, Headers headers, byte[] body) {

    void send(Send send) throws IOException {
        send.send(new Message.ResponseStart(status, headers));
        send.send(body.length == 0 ? Message.ResponseBody.EMPTY_LAST : new Message.ResponseBody(body, false));
    }
}

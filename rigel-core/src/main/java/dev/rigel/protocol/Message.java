package dev.rigel.protocol;

import java.util.Objects;

/** The messages exchanged through {@link Receive} and {@link Send}. */
public sealed interface Message {

    byte[] EMPTY = new byte[0];

    /** Inbound: a chunk of the request body. The last chunk has {@code moreBody == false}. */
    record RequestBody(byte[] body, boolean moreBody) implements Message {
        public static final RequestBody EMPTY_LAST = new RequestBody(EMPTY, false);

        public RequestBody {
            Objects.requireNonNull(body, "body");
        }
    }

    /** Inbound: the client went away, or the request was fully read and nothing more will come. */
    record Disconnect() implements Message {
        public static final Disconnect INSTANCE = new Disconnect();
    }

    /** Outbound: status line and headers. Must precede any {@link ResponseBody}. */
    record ResponseStart(int status, Headers headers) implements Message {
        public ResponseStart {
            if (status < 100 || status > 999) {
                throw new IllegalArgumentException("status out of range: " + status);
            }
            Objects.requireNonNull(headers, "headers");
        }
    }

    /** Outbound: a chunk of the response body. The last chunk has {@code moreBody == false}. */
    record ResponseBody(byte[] body, boolean moreBody) implements Message {
        public static final ResponseBody EMPTY_LAST = new ResponseBody(EMPTY, false);

        public ResponseBody {
            Objects.requireNonNull(body, "body");
        }
    }
}

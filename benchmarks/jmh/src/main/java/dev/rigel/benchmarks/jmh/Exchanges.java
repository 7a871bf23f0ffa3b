package dev.rigel.benchmarks.jmh;

import dev.rigel.App;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.Send;

/**
 * Drives {@link App#call} in-process with the protocol types, without TestClient: a reusable
 * {@link Receive} that yields one fixed body, and a {@link Send} that keeps only what a benchmark
 * checks (status and body).
 */
final class Exchanges {

    private Exchanges() {}

    /** Yields {@code body} as the one and last request-body chunk; reset before each call. */
    static final class FixedReceive implements Receive {
        private final Message.RequestBody body;
        private boolean sent;

        FixedReceive(byte[] body) {
            this.body = new Message.RequestBody(body, false);
        }

        FixedReceive reset() {
            sent = false;
            return this;
        }

        @Override
        public Message receive() {
            if (sent) {
                return Message.Disconnect.INSTANCE;
            }
            sent = true;
            return body;
        }
    }

    /** Records the status and the last body chunk. */
    static final class RecordingSend implements Send {
        int status;
        byte[] body;

        @Override
        public void send(Message message) {
            if (message instanceof Message.ResponseStart start) {
                status = start.status();
            } else if (message instanceof Message.ResponseBody chunk) {
                body = chunk.body();
            }
        }
    }

    static Scope scope(String method, String rawPath, String query, Headers headers) {
        return Scope.http(method, rawPath)
                .queryString(query)
                .headers(headers)
                .httpVersion("1.1")
                .scheme("http")
                .build();
    }

    /** Fails the benchmark's setup unless the request answers {@code status}. */
    static void expect(App app, Scope scope, FixedReceive receive, int status) throws Exception {
        RecordingSend send = new RecordingSend();
        app.call(scope, receive.reset(), send);
        if (send.status != status) {
            throw new IllegalStateException(scope.method() + " " + scope.rawPath() + " answered " + send.status
                    + ", expected " + status + ": " + (send.body == null ? "" : new String(send.body)));
        }
    }
}

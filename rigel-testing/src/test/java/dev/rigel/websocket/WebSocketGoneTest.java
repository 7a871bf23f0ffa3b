package dev.rigel.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.rigel.App;
import dev.rigel.annotation.WebSocket;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Scope;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A handler whose send finds the connection gone before any receive saw the close: the session
 * is still open, the send throws a disconnect with 1006, and that is the end of it, not an error.
 */
class WebSocketGoneTest {

    public static class Handlers {
        @WebSocket("/late")
        public void late(WebSocketConnection socket) {
            socket.accept();
            socket.sendText("too late"); // the transport is gone by now
        }
    }

    @Test
    void aSendIntoAClosedConnectionEndsTheHandlerQuietly() {
        // found by WebSocketFrameFuzzTest (rigel-netty): the 1006 went into a close frame, whose
        // constructor refused it, and the IllegalArgumentException reached the server (logged, 1011)
        App app = App.builder().routeHandlers(new Handlers()).build();
        app.startup();
        List<Message> sent = new CopyOnWriteArrayList<>();
        Scope scope = Scope.websocket("/late").build();

        assertThatCode(() -> app.call(
                        scope,
                        () -> sent.isEmpty()
                                ? new Message.WebSocketConnect()
                                : new Message.WebSocketDisconnect(1006, ""),
                        message -> {
                            if (message instanceof Message.WebSocketSend) {
                                throw new IOException("connection reset");
                            }
                            sent.add(message);
                        }))
                .doesNotThrowAnyException();
        assertThat(sent).hasSize(1).first().isInstanceOf(Message.WebSocketAccept.class);
        app.shutdown();
    }
}

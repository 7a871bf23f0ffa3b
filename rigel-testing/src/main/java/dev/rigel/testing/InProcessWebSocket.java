package dev.rigel.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigel.protocol.Application;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Scope;
import dev.rigel.spi.StateKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A WebSocket to an app in the same process: the app runs on its own virtual thread, as on the
 * server, and this session plays the server's part of the protocol (answering the handshake,
 * echoing closes) as well as the client's.
 */
final class InProcessWebSocket extends ClientWebSocket {

    /** What the app answered the handshake with. */
    private record Handshake(String subprotocol, RuntimeException refusal) {}

    private final Scope scope;
    private final boolean raiseServerExceptions;
    private final LinkedBlockingQueue<Message> toApp = new LinkedBlockingQueue<>();
    private final CompletableFuture<Handshake> handshake = new CompletableFuture<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    /** The disconnect the app received; every later receive repeats it. */
    private volatile Message.WebSocketDisconnect disconnect;

    private String subprotocol;
    private boolean serverExceptionRaised;

    private InProcessWebSocket(Scope scope, String target, ObjectMapper mapper, boolean raiseServerExceptions) {
        super(target, mapper);
        this.scope = scope;
        this.raiseServerExceptions = raiseServerExceptions;
    }

    static InProcessWebSocket connect(
            Application app, Scope scope, String target, ObjectMapper mapper, boolean raiseServerExceptions) {
        InProcessWebSocket socket = new InProcessWebSocket(scope, target, mapper, raiseServerExceptions);
        socket.toApp.add(Message.WebSocketConnect.INSTANCE);
        Thread.ofVirtual().name("rigel-test-websocket").start(() -> socket.run(app));
        Handshake result;
        try {
            result = socket.handshake.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("The app did not answer the WebSocket handshake for " + target + " within "
                    + DEFAULT_TIMEOUT.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during the WebSocket handshake for " + target, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException("The app failed on the WebSocket " + target, e.getCause());
        }
        if (result.refusal() != null) {
            socket.raiseServerException(); // with raiseServerExceptions, the app's own failure beats the 500
            throw result.refusal();
        }
        socket.subprotocol = result.subprotocol();
        return socket;
    }

    private void run(Application app) {
        try {
            app.call(scope, this::receiveForApp, new AppSend());
            if (!handshake.isDone()) {
                // as a server would: an app that never answered the handshake gets a 500
                handshake.complete(new Handshake(null, new WebSocketRejectedException(target, 500, null, null, 0)));
            } else if (!closed) {
                closedByServer(1000, ""); // returned while open: the server closes normally
            }
        } catch (Throwable failure) {
            if (!handshake.completeExceptionally(failure)) {
                scope.state().putIfAbsent(StateKeys.UNHANDLED_EXCEPTION, failure);
                if (!closed) {
                    closedByServer(1011, "");
                }
            }
        } finally {
            finished.complete(null);
        }
    }

    private Message receiveForApp() throws InterruptedException {
        Message.WebSocketDisconnect last = disconnect;
        if (last != null) {
            return last;
        }
        Message message = toApp.take();
        if (message instanceof Message.WebSocketDisconnect ended) {
            disconnect = ended;
        }
        return message;
    }

    /** The app's {@code send}: the server's half of the protocol. */
    private final class AppSend implements dev.rigel.protocol.Send {
        private Message.ResponseStart refusalStart;
        private final ByteArrayOutputStream refusalBody = new ByteArrayOutputStream();

        @Override
        public synchronized void send(Message message) throws IOException {
            if (!handshake.isDone()) {
                beforeAccept(message);
                return;
            }
            if (closed && !(message instanceof Message.WebSocketClose)) {
                throw new IOException("The WebSocket " + target + " is closed");
            }
            switch (message) {
                case Message.WebSocketSend sent -> delivered(new Received(sent.data(), sent.isText()));
                case Message.WebSocketClose close -> {
                    if (!closed) {
                        closedByServer(close.code(), close.reason());
                        toApp.add(new Message.WebSocketDisconnect(close.code(), close.reason()));
                    }
                }
                default -> throw new IllegalStateException("The app sent " + message + " on an accepted WebSocket");
            }
        }

        private void beforeAccept(Message message) {
            switch (message) {
                case Message.WebSocketAccept accept -> handshake.complete(new Handshake(accept.subprotocol(), null));
                case Message.WebSocketClose close -> {
                    closed = true;
                    handshake.complete(
                            new Handshake(null, new WebSocketRejectedException(target, 403, null, null, close.code())));
                }
                case Message.ResponseStart start when refusalStart == null -> refusalStart = start;
                case Message.ResponseBody body
                when refusalStart != null -> {
                    refusalBody.writeBytes(body.body());
                    if (!body.moreBody()) {
                        closed = true;
                        handshake.complete(new Handshake(
                                null,
                                new WebSocketRejectedException(
                                        target,
                                        refusalStart.status(),
                                        refusalStart.headers(),
                                        refusalBody.toByteArray(),
                                        0)));
                    }
                }
                default ->
                    throw new IllegalStateException(
                            "The app sent " + message + " before answering the WebSocket handshake");
            }
        }
    }

    @Override
    public String subprotocol() {
        return subprotocol;
    }

    @Override
    void transmit(byte[] data, boolean isText) {
        toApp.add(new Message.WebSocketReceive(data, isText));
    }

    @Override
    void transmitClose(int code, String reason) {
        toApp.add(new Message.WebSocketDisconnect(code, reason));
        awaitApp();
        raiseServerException();
    }

    @Override
    void onServerClose(Close close) {
        raiseServerException();
    }

    @Override
    public void close() {
        super.close();
        awaitApp();
        raiseServerException();
    }

    /** Lets the app finish with the connection, as the test expects once it closed it. */
    private void awaitApp() {
        try {
            finished.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("The app kept running " + DEFAULT_TIMEOUT.toMillis() + " ms after the WebSocket "
                    + target + " was closed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // run() completes normally
        }
    }

    /** Re-throws, once, an exception the app failed with, when the client is set to. */
    private void raiseServerException() {
        if (!raiseServerExceptions || serverExceptionRaised) {
            return;
        }
        if (scope.state().get(StateKeys.UNHANDLED_EXCEPTION) instanceof Throwable failure) {
            serverExceptionRaised = true;
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("The app failed on the WebSocket " + target + ": " + failure, failure);
        }
    }
}

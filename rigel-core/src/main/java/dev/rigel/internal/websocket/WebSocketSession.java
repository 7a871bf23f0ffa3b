package dev.rigel.internal.websocket;

import com.fasterxml.jackson.databind.ObjectReader;
import dev.rigel.exceptions.WebSocketDisconnectException;
import dev.rigel.exceptions.WebSocketException;
import dev.rigel.http.HandlerInfo;
import dev.rigel.http.QueryParams;
import dev.rigel.http.State;
import dev.rigel.internal.app.AppServices;
import dev.rigel.internal.exchange.Exchange;
import dev.rigel.protocol.Headers;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import dev.rigel.protocol.Scope;
import dev.rigel.protocol.Send;
import dev.rigel.websocket.CloseCodes;
import dev.rigel.websocket.WebSocketConnection;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link WebSocketConnection} handlers see, over the route's {@code receive} and {@code send}.
 * The handshake request's values come from the route's {@link Exchange}.
 *
 * <p>Threading: receiving belongs to the handler's thread; sending may happen on any thread.
 * {@link #state} is volatile so the common send path takes no lock; the rare transitions
 * (accept, close) take {@link #transition}, which a concurrent close and accept must not
 * interleave. A {@link ReentrantLock} rather than {@code synchronized} keeps virtual threads
 * unpinned while the accept waits for the server.
 */
final class WebSocketSession implements WebSocketConnection {

    private final Exchange exchange;
    private final Receive receive;
    private final Send send;
    private final AppServices services;
    private final ReentrantLock transition = new ReentrantLock();
    private volatile ReadyState state = ReadyState.CONNECTING;
    private volatile int closeCode;
    private volatile String closeReason = "";
    private volatile boolean accepted;
    private String subprotocol;
    private List<String> requested;

    WebSocketSession(Exchange exchange, Receive receive, Send send, AppServices services) {
        this.exchange = exchange;
        this.receive = receive;
        this.send = send;
        this.services = services;
    }

    // ---- handshake

    @Override
    public List<String> requestedSubprotocols() {
        List<String> current = requested;
        if (current == null) {
            List<String> offered = new ArrayList<>(2);
            for (String field : exchange.headers().getAll("sec-websocket-protocol")) {
                for (String token : field.split(",")) {
                    if (!token.isBlank()) {
                        offered.add(token.trim());
                    }
                }
            }
            current = Collections.unmodifiableList(offered);
            requested = current;
        }
        return current;
    }

    @Override
    public void accept(String chosen, Headers headers) {
        if (chosen != null && !requestedSubprotocols().contains(chosen)) {
            throw new IllegalArgumentException(
                    "The client did not offer subprotocol '" + chosen + "'; it offered " + requestedSubprotocols());
        }
        transition.lock();
        try {
            if (state != ReadyState.CONNECTING) {
                throw new IllegalStateException("The WebSocket " + exchange.path() + " was already "
                        + (state == ReadyState.OPEN ? "accepted" : "closed"));
            }
            try {
                send.send(
                        chosen == null && headers == null
                                ? Message.WebSocketAccept.PLAIN
                                : new Message.WebSocketAccept(chosen, headers));
            } catch (IOException gone) {
                markClosed(CloseCodes.ABNORMAL, "");
                throw new WebSocketDisconnectException(CloseCodes.ABNORMAL, "The client left during the handshake");
            }
            subprotocol = chosen;
            accepted = true;
            state = ReadyState.OPEN;
        } finally {
            transition.unlock();
        }
    }

    @Override
    public String subprotocol() {
        return subprotocol;
    }

    @Override
    public ReadyState readyState() {
        return state;
    }

    /** Whether the handshake was completed (the connection may have closed since). */
    boolean wasAccepted() {
        return accepted;
    }

    // ---- receiving

    /** The next message, or null once the connection is closed. */
    Message.WebSocketReceive nextMessage() {
        ReadyState current = state;
        if (current == ReadyState.CONNECTING) {
            throw new IllegalStateException("accept() the WebSocket " + exchange.path() + " before receiving");
        }
        if (current == ReadyState.CLOSED) {
            return null;
        }
        Message message;
        try {
            message = receive.receive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Interrupted while waiting for a message on " + exchange.path());
        }
        if (message instanceof Message.WebSocketReceive received) {
            return received;
        }
        if (message instanceof Message.WebSocketDisconnect disconnect) {
            markClosed(disconnect.code(), disconnect.reason());
            return null;
        }
        throw new IllegalStateException("Unexpected message on the WebSocket " + exchange.path() + ": " + message);
    }

    @Override
    public Message.WebSocketReceive receive() {
        Message.WebSocketReceive message = nextMessage();
        if (message == null) {
            throw disconnected();
        }
        return message;
    }

    @Override
    public String receiveText() {
        return text(receive());
    }

    @Override
    public byte[] receiveBytes() {
        return receive().data();
    }

    @Override
    public <T> T receiveJson(Class<T> type) {
        return type.cast(decodeJson(services.json().reader(type), receive()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T receiveJson(Type type) {
        return (T) decodeJson(services.json().reader(type), receive());
    }

    Object decodeJson(ObjectReader reader, Message.WebSocketReceive message) {
        return services.json().decode(reader, message.data(), "WEBSOCKET", exchange.path());
    }

    /** A message's text: text messages as they are, binary ones only if they are valid UTF-8. */
    static String text(Message.WebSocketReceive message) {
        if (message.isText()) {
            return message.asText();
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(message.data()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new WebSocketException(
                    CloseCodes.INVALID_PAYLOAD, "Expected text, got binary data that is not UTF-8");
        }
    }

    @Override
    public Iterable<Message.WebSocketReceive> messages() {
        return () -> new Iterator<>() {
            private Message.WebSocketReceive ahead;
            private boolean ended;

            @Override
            public boolean hasNext() {
                if (ahead == null && !ended) {
                    ahead = nextMessage();
                    ended = ahead == null;
                }
                return ahead != null;
            }

            @Override
            public Message.WebSocketReceive next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("The WebSocket is closed");
                }
                Message.WebSocketReceive message = ahead;
                ahead = null;
                return message;
            }
        };
    }

    @Override
    public Iterable<String> textMessages() {
        return () -> {
            Iterator<Message.WebSocketReceive> messages = messages().iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return messages.hasNext();
                }

                @Override
                public String next() {
                    return text(messages.next());
                }
            };
        };
    }

    // ---- sending

    @Override
    public void sendText(String text) {
        send(Message.WebSocketSend.text(text));
    }

    @Override
    public void sendBytes(byte[] data) {
        send(Message.WebSocketSend.bytes(data));
    }

    @Override
    public void sendJson(Object value) {
        send(new Message.WebSocketSend(services.json().encode(value), true));
    }

    @Override
    public void send(Message.WebSocketSend message) {
        ReadyState current = state;
        if (current != ReadyState.OPEN) {
            if (current == ReadyState.CONNECTING) {
                throw new IllegalStateException("accept() the WebSocket " + exchange.path() + " before sending");
            }
            throw disconnected();
        }
        try {
            send.send(message);
        } catch (IOException gone) {
            // the server noticed the close first; the handler learns the code from its next receive
            throw new WebSocketDisconnectException(
                    closeCode == 0 ? CloseCodes.ABNORMAL : closeCode, "The WebSocket is closed");
        }
    }

    // ---- closing

    @Override
    public void close(int code, String reason) {
        Message.WebSocketClose close = new Message.WebSocketClose(code, reason); // validates before any change
        transition.lock();
        try {
            if (state == ReadyState.CLOSED) {
                return;
            }
            markClosed(code, close.reason());
            try {
                send.send(close);
            } catch (IOException gone) {
                // closed from the other side meanwhile: nothing left to tell it
            }
        } finally {
            transition.unlock();
        }
    }

    /** Records the first close, from either side. */
    private void markClosed(int code, String reason) {
        transition.lock();
        try {
            if (state != ReadyState.CLOSED) {
                closeReason = reason;
                closeCode = code;
                state = ReadyState.CLOSED;
            }
        } finally {
            transition.unlock();
        }
    }

    @Override
    public int closeCode() {
        return closeCode;
    }

    @Override
    public String closeReason() {
        return closeReason;
    }

    private WebSocketDisconnectException disconnected() {
        return new WebSocketDisconnectException(closeCode, closeReason);
    }

    // ---- the handshake request

    @Override
    public Scope scope() {
        return exchange.scope();
    }

    @Override
    public String path() {
        return exchange.path();
    }

    @Override
    public Headers headers() {
        return exchange.headers();
    }

    @Override
    public QueryParams query() {
        return exchange.query();
    }

    @Override
    public Map<String, String> cookies() {
        return exchange.cookies();
    }

    @Override
    public Map<String, Object> pathParams() {
        return exchange.pathParams();
    }

    @Override
    public Map<String, Object> state() {
        return exchange.state();
    }

    @Override
    public State appState() {
        return exchange.appState();
    }

    @Override
    public Optional<InetSocketAddress> client() {
        return exchange.client();
    }

    @Override
    public HandlerInfo handler() {
        return exchange.handler();
    }

    @Override
    public String toString() {
        return "WebSocket[" + exchange.scope() + ", " + state + "]";
    }
}

package dev.rigel.internal.body;

import dev.rigel.internal.json.JsonCodec;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Send;
import dev.rigel.response.ServerSentEvent;
import dev.rigel.response.SseEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/** A {@code text/event-stream}: events as they come, {@code : ping} comments while a polled source is idle. */
final class SseBody extends StreamedBody {

    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ServerSentEvent events;
    private final JsonCodec json;

    SseBody(ServerSentEvent events, JsonCodec json, boolean head) {
        super(head);
        this.events = events;
        this.json = json;
    }

    @Override
    boolean interruptibleSource() {
        return events.interruptsOnDisconnect();
    }

    @Override
    void sendBody(Send send) throws IOException {
        // an empty first chunk puts the headers on the wire now, so the browser's EventSource opens
        // before the first event, however long that takes
        if (!deliver(send, new Message.ResponseBody(Message.EMPTY, true))) {
            return;
        }
        if (events.poller() != null) {
            ServerSentEvent.Poller poller = events.poller();
            while (true) {
                Object next;
                try {
                    next = poller.poll(events.keepAliveInterval());
                } catch (InterruptedException e) {
                    // the server is stopping this thread: end the stream properly
                    Thread.currentThread().interrupt();
                    break;
                }
                if (next == SseEvent.END) {
                    break;
                }
                if (!deliver(send, new Message.ResponseBody(next == null ? PING : encode(next), true))) {
                    return;
                }
            }
        } else {
            Iterator<?> iterator = events.iterator();
            while (iterator.hasNext()) {
                Object next = iterator.next();
                if (next != null && !deliver(send, new Message.ResponseBody(encode(next), true))) {
                    return;
                }
            }
        }
        deliver(send, Message.ResponseBody.EMPTY_LAST);
    }

    private byte[] encode(Object element) {
        SseEvent event = switch (element) {
            case SseEvent given -> given;
            case String text -> SseEvent.of(text);
            default -> SseEvent.of(new String(json.encode(element), StandardCharsets.UTF_8));
        };
        return format(event).getBytes(StandardCharsets.UTF_8);
    }

    /** The event's fields, one per line, multi-line values split per the spec, ended by a blank line. */
    static String format(SseEvent event) {
        StringBuilder out = new StringBuilder(64);
        if (event.comment() != null) {
            lines(out, "", event.comment());
        }
        if (event.event() != null) {
            out.append("event: ").append(event.event()).append('\n');
        }
        if (event.data() != null) {
            lines(out, "data", event.data());
        }
        if (event.id() != null) {
            out.append("id: ").append(event.id()).append('\n');
        }
        if (event.retry() != null) {
            out.append("retry: ").append(event.retry().toMillis()).append('\n');
        }
        return out.append('\n').toString();
    }

    /** One {@code field: line} per line of {@code value}; CR LF, CR and LF all end a line in SSE. */
    private static void lines(StringBuilder out, String field, String value) {
        for (String line : value.split("\r\n|\r|\n", -1)) {
            out.append(field).append(": ").append(line).append('\n');
        }
    }

    @Override
    public void release() {
        Iterator<?> iterator = events.iterator();
        if (iterator != null && iterator != events.source()) {
            closeQuietly(iterator);
        }
        closeQuietly(events.source());
        Runnable onClose = events.closeAction();
        if (onClose != null) {
            try {
                onClose.run();
            } catch (RuntimeException e) {
                LOG.warn("The onClose action of a server-sent event stream failed", e);
            }
        }
    }
}

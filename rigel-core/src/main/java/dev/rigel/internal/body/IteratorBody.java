package dev.rigel.internal.body;

import dev.rigel.internal.json.JsonCodec;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Send;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;

/** A {@code Stream}: elements of an iterator, or chunks of an InputStream, each its own message. */
final class IteratorBody extends StreamedBody {

    private static final int INPUT_CHUNK = 64 * 1024;
    private static final byte[] NEWLINE = {'\n'};

    private final Object source;
    private final JsonCodec json;
    private final boolean interruptible;

    IteratorBody(Object source, JsonCodec json, boolean head, boolean interruptible) {
        super(head);
        this.source = source;
        this.json = json;
        this.interruptible = interruptible;
    }

    @Override
    boolean interruptibleSource() {
        return interruptible;
    }

    @Override
    void sendBody(Send send) throws IOException {
        if (source instanceof InputStream input) {
            while (true) {
                byte[] buffer = new byte[INPUT_CHUNK];
                // read, not readNBytes: send what has arrived instead of waiting for a full chunk
                int read = input.read(buffer);
                if (read < 0) {
                    break;
                }
                if (read > 0
                        && !deliver(
                                send,
                                new Message.ResponseBody(
                                        read == buffer.length ? buffer : Arrays.copyOf(buffer, read), true))) {
                    return;
                }
            }
        } else {
            Iterator<?> iterator = (Iterator<?>) source;
            while (iterator.hasNext()) {
                byte[] bytes = bytes(iterator.next());
                if (bytes.length > 0 && !deliver(send, new Message.ResponseBody(bytes, true))) {
                    return;
                }
            }
        }
        deliver(send, Message.ResponseBody.EMPTY_LAST);
    }

    private byte[] bytes(Object element) {
        return switch (element) {
            case null -> Message.EMPTY;
            case String text -> text.getBytes(StandardCharsets.UTF_8);
            case byte[] raw -> raw;
            default -> {
                // JSON Lines: one value per line, so a reader can split the stream
                byte[] encoded = json.encode(element);
                byte[] line = Arrays.copyOf(encoded, encoded.length + 1);
                line[encoded.length] = NEWLINE[0];
                yield line;
            }
        };
    }

    @Override
    public void release() {
        closeQuietly(source);
    }
}

package dev.rigel.internal.body;

import dev.rigel.exceptions.ClientException;
import dev.rigel.exceptions.RequestEntityTooLargeException;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Receive;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/**
 * The request body as an {@link InputStream}, pulled from {@link Receive} chunk by chunk as it is
 * read, so a parser (multipart) can stream a large body without holding it. The route's body
 * limit holds on the running total: passing it is a 413, raised from {@code read}.
 */
public final class ReceiveInputStream extends InputStream {

    private final Receive receive;
    private final long limit;
    private byte[] chunk = Message.EMPTY;
    private int position;
    private long total;
    private boolean ended;

    public ReceiveInputStream(Receive receive, long limit) {
        this.receive = receive;
        this.limit = limit;
    }

    /** Whether the whole body was read (nothing more will come from {@code receive} but the disconnect). */
    public boolean ended() {
        return ended && position == chunk.length;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (position == chunk.length) {
            if (ended) {
                return -1;
            }
            next();
        }
        int count = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, target, offset, count);
        position += count;
        return count;
    }

    private void next() throws IOException {
        Message message;
        try {
            message = receive.receive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while reading the request body");
        }
        if (message instanceof Message.RequestBody body) {
            total += body.body().length;
            if (total > limit) {
                throw new RequestEntityTooLargeException();
            }
            chunk = body.body();
            position = 0;
            ended = !body.moreBody();
        } else {
            // the in-process client ends a complete body with Disconnect; only a short body is a problem
            ended = true;
            chunk = Message.EMPTY;
            position = 0;
            if (total == 0) {
                return;
            }
            throw new ClientException("The client went away before sending the whole body");
        }
    }
}

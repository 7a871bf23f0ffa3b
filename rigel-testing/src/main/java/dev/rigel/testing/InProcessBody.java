package dev.rigel.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;

/** The body of an in-process streamed response, pulled chunk by chunk as the app sends it. */
final class InProcessBody extends InputStream {

    private final InProcessHttp exchange;
    private byte[] chunk = new byte[0];
    private int position;
    private boolean ended;

    InProcessBody(InProcessHttp exchange) {
        this.exchange = exchange;
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
            try {
                byte[] next = exchange.nextChunk();
                if (next == null) {
                    ended = true;
                } else {
                    chunk = next;
                    position = 0;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while reading a streamed response");
            }
        }
        int count = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, target, offset, count);
        position += count;
        return count;
    }
}

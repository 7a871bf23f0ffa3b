package dev.rigel.internal.body;

import dev.rigel.internal.files.FileSource;
import dev.rigel.protocol.Message;
import dev.rigel.protocol.Send;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/** Part or all of a file (on disk or in a jar), read and sent one chunk at a time. */
final class FileBody extends StreamedBody {

    private final FileSource source;
    private final long start;
    private final long length;
    private final int chunkSize;

    FileBody(FileSource source, long start, long length, int chunkSize, boolean head) {
        super(head);
        this.source = source;
        this.start = start;
        this.length = length;
        this.chunkSize = chunkSize;
    }

    @Override
    void sendBody(Send send) throws IOException {
        if (length == 0) {
            deliver(send, Message.ResponseBody.EMPTY_LAST);
            return;
        }
        try (InputStream in = source.open(start)) {
            long remaining = length;
            while (remaining > 0) {
                int size = (int) Math.min(chunkSize, remaining);
                // a fresh array per chunk: the server wraps body bytes without copying them
                byte[] chunk = new byte[size];
                if (in.readNBytes(chunk, 0, size) < size) {
                    // the file shrank after its length was sent: the response cannot be completed
                    throw new EOFException(source + " ended before the " + length + " bytes announced");
                }
                remaining -= size;
                if (!deliver(send, new Message.ResponseBody(chunk, remaining > 0))) {
                    return;
                }
            }
        }
    }

    /** A file is read at disk speed (and an interrupt would close its channel): a departed client shows at the next write. */
    @Override
    boolean interruptibleSource() {
        return false;
    }

    @Override
    public void release() {
        // the source is opened and closed within sendBody
    }
}

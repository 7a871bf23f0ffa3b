package dev.rigel.internal.body;

import dev.rigel.protocol.Message;
import dev.rigel.protocol.Send;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Part or all of a file, read and sent one chunk at a time. */
final class FileBody extends StreamedBody {

    private final Path path;
    private final long start;
    private final long length;
    private final int chunkSize;

    FileBody(Path path, long start, long length, int chunkSize, boolean head) {
        super(head);
        this.path = path;
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
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            long position = start;
            long remaining = length;
            while (remaining > 0) {
                int size = (int) Math.min(chunkSize, remaining);
                // a fresh array per chunk: the server wraps body bytes without copying them
                byte[] chunk = new byte[size];
                ByteBuffer buffer = ByteBuffer.wrap(chunk);
                while (buffer.hasRemaining()) {
                    int read = channel.read(buffer, position + buffer.position());
                    if (read < 0) {
                        // the file shrank after its length was sent: the response cannot be completed
                        throw new EOFException(path + " ended before the " + length + " bytes announced");
                    }
                }
                position += size;
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
        // the channel is opened and closed within sendBody
    }
}

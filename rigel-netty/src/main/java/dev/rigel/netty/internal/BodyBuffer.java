package dev.rigel.netty.internal;

import dev.rigel.protocol.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/**
 * Collects a whole request body on the event loop for an inline application, copying each byte
 * exactly once into the array the application receives.
 *
 * <p>With a small known Content-Length the target array is allocated up front and chunks are
 * copied straight into it. Otherwise the chunks are kept (without copying) in a composite buffer
 * and copied once at the end, so a slow client announcing a large body cannot make the server
 * allocate the whole announced size before sending anything.
 */
final class BodyBuffer {

    private static final int PREALLOCATE_LIMIT = 64 * 1024;

    private final ByteBufAllocator alloc;
    private byte[] fixed;
    private int position;
    private CompositeByteBuf parts;

    BodyBuffer(ByteBufAllocator alloc, long contentLength) {
        this.alloc = alloc;
        if (contentLength > 0 && contentLength <= PREALLOCATE_LIMIT) {
            fixed = new byte[(int) contentLength];
        }
    }

    /** Takes ownership of {@code content}. */
    void add(ByteBuf content) {
        int n = content.readableBytes();
        if (n == 0) {
            content.release();
            return;
        }
        if (fixed != null && parts == null && position + n <= fixed.length) {
            content.getBytes(content.readerIndex(), fixed, position, n);
            position += n;
            content.release();
            return;
        }
        if (parts == null) {
            parts = alloc.compositeBuffer(Integer.MAX_VALUE);
            if (position > 0) {
                // The body outgrew its announced length (cannot happen with a valid decoder, but
                // stay correct): carry over what was copied so far.
                parts.addComponent(true, io.netty.buffer.Unpooled.wrappedBuffer(fixed, 0, position));
            }
            fixed = null;
        }
        parts.addComponent(true, content);
    }

    /** Bytes collected so far. */
    int size() {
        return parts != null ? parts.readableBytes() : position;
    }

    /** The collected body; releases what it held. */
    byte[] finish() {
        if (parts != null) {
            byte[] body = new byte[parts.readableBytes()];
            parts.readBytes(body);
            parts.release();
            parts = null;
            return body;
        }
        if (fixed != null) {
            byte[] body = position == fixed.length ? fixed : java.util.Arrays.copyOf(fixed, position);
            fixed = null;
            return body;
        }
        return Message.EMPTY;
    }

    void release() {
        if (parts != null) {
            parts.release();
            parts = null;
        }
        fixed = null;
    }
}

package dev.rigel.internal.json;

import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.util.RecyclerPool;

/**
 * Jackson's read and write buffers, recycled per platform thread or through one shared pool.
 *
 * <p>A platform thread (the server's event loops, a worker pool's threads) keeps its own recycler,
 * as Jackson does by default: nothing is shared, so nothing is contended. A virtual thread serves
 * one request and ends, so a recycler of its own would never be reused; virtual threads take one
 * from a shared deque and give it back. With only the shared deque, every event loop polled and
 * offered on the same deque twice per JSON response, and the loops' cores kept passing its head
 * and tail between them.
 */
final class BufferRecyclerPool implements RecyclerPool<BufferRecycler> {

    private static final long serialVersionUID = 1L;

    private final RecyclerPool<BufferRecycler> perThread = JsonRecyclerPools.threadLocalPool();
    private final RecyclerPool<BufferRecycler> shared = JsonRecyclerPools.newConcurrentDequePool();

    /**
     * A per-thread recycler is handed out unlinked (nested use on one thread shares it, and
     * releasing it is a no-op); a shared one is linked to the shared pool, which takes it back.
     */
    @Override
    public BufferRecycler acquireAndLinkPooled() {
        return Thread.currentThread().isVirtual() ? shared.acquireAndLinkPooled() : perThread.acquireAndLinkPooled();
    }

    @Override
    public BufferRecycler acquirePooled() {
        return Thread.currentThread().isVirtual() ? shared.acquirePooled() : perThread.acquirePooled();
    }

    @Override
    public void releasePooled(BufferRecycler recycler) {
        if (Thread.currentThread().isVirtual()) {
            shared.releasePooled(recycler);
        } else {
            perThread.releasePooled(recycler);
        }
    }

    @Override
    public int pooledCount() {
        return shared.pooledCount();
    }

    @Override
    public boolean clear() {
        return shared.clear();
    }
}

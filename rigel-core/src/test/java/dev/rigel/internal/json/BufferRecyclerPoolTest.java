package dev.rigel.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BufferRecyclerPoolTest {

    private static <T> T onVirtualThread(java.util.concurrent.Callable<T> work) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread.ofVirtual()
                .start(() -> {
                    try {
                        result.set(work.call());
                    } catch (Exception e) {
                        failure.set(e);
                    }
                })
                .join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    @Test
    void aPlatformThreadKeepsItsOwnRecyclerAndSharesNothing() throws Exception {
        BufferRecyclerPool pool = new BufferRecyclerPool();
        BufferRecycler first = pool.acquireAndLinkPooled();
        BufferRecycler nested = pool.acquireAndLinkPooled(); // a serializer writing JSON inside JSON
        assertThat(nested).isSameAs(first);
        first.releaseToPool();
        assertThat(pool.pooledCount()).isZero();
        assertThat(pool.acquireAndLinkPooled()).isSameAs(first);
        BufferRecycler otherThread = onVirtualThread(() -> {
            BufferRecycler[] seen = new BufferRecycler[1];
            Thread platform = Thread.ofPlatform().start(() -> seen[0] = pool.acquireAndLinkPooled());
            platform.join();
            return seen[0];
        });
        assertThat(otherThread).isNotSameAs(first);
    }

    @Test
    void virtualThreadsPassOneRecyclerOnThroughTheSharedPool() throws Exception {
        BufferRecyclerPool pool = new BufferRecyclerPool();
        BufferRecycler used = onVirtualThread(() -> {
            BufferRecycler recycler = pool.acquireAndLinkPooled();
            recycler.releaseToPool();
            return recycler;
        });
        assertThat(pool.pooledCount()).isEqualTo(1);
        BufferRecycler next = onVirtualThread(pool::acquireAndLinkPooled);
        assertThat(next).isSameAs(used);
        assertThat(pool.pooledCount()).isZero();
        assertThat(pool.acquireAndLinkPooled()).isNotSameAs(used); // a platform thread has its own
    }

    @Test
    void aMapperOnThePoolWritesAndReadsOnBothKindsOfThread() throws Exception {
        BufferRecyclerPool pool = new BufferRecyclerPool();
        ObjectMapper mapper = JsonMapper.builder(
                        JsonFactory.builder().recyclerPool(pool).build())
                .build();
        String json = "{\"message\":\"Hello, World!\"}";
        assertThat(mapper.writeValueAsString(mapper.readValue(json, Map.class))).isEqualTo(json);
        for (int i = 0; i < 3; i++) {
            assertThat(onVirtualThread(() -> mapper.writeValueAsString(mapper.readValue(json, Map.class))))
                    .isEqualTo(json);
        }
        assertThat(pool.pooledCount()).isEqualTo(1); // each virtual thread gave back what it took
    }
}

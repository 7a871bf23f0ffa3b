package dev.rigel.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The channels contract in one process, plus the memory backend's own history rules. */
class MemoryChannelsBackendTest extends ChannelsBackendContract {

    @Override
    protected ChannelsBackend createBackend() {
        return new MemoryChannelsBackend(historySize());
    }

    @Override
    protected int historySize() {
        return 10;
    }

    @Test
    void withoutHistorySizeTheHistoryIsEmpty() {
        MemoryChannelsBackend none = new MemoryChannelsBackend();
        none.publish("x".getBytes(StandardCharsets.UTF_8), List.of("c"));
        assertThat(none.hasHistory()).isTrue();
        assertThat(none.getHistory("c", 5)).isEmpty();
    }

    @Test
    void historyIsKeptWithoutSubscribersAndLimitZeroReadsNothing() {
        MemoryChannelsBackend memory = new MemoryChannelsBackend(2);
        memory.publish(new byte[] {1}, List.of("c", "d"));
        memory.publish(new byte[] {2}, List.of("c"));
        memory.publish(new byte[] {3}, List.of("c"));
        assertThat(memory.getHistory("c", 5)).containsExactly(new byte[] {2}, new byte[] {3});
        assertThat(memory.getHistory("d", 5)).containsExactly(new byte[] {1});
        assertThat(memory.getHistory("c", 0)).isEmpty();
    }

    @Test
    void aNegativeHistorySizeIsRefused() {
        assertThatThrownBy(() -> new MemoryChannelsBackend(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("historySize");
    }
}

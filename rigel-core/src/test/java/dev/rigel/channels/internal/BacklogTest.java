package dev.rigel.channels.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.channels.Backlog;
import dev.rigel.channels.BacklogStrategy;
import dev.rigel.channels.ChannelEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BacklogTest {

    static ChannelEvent event(String text) {
        return new ChannelEvent("c", text.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> drain(Backlog backlog) {
        List<String> texts = new ArrayList<>();
        for (ChannelEvent e = backlog.poll(); e != null; e = backlog.poll()) {
            texts.add(e.text());
        }
        return texts;
    }

    @Test
    void backoffDropsTheNewEventWhenFull() {
        Backlog backlog = new Backlog(2, BacklogStrategy.BACKOFF);
        assertThat(backlog.offer(event("1"))).isTrue();
        assertThat(backlog.offer(event("2"))).isTrue();
        assertThat(backlog.offer(event("3"))).isFalse();
        assertThat(backlog.dropped()).isEqualTo(1);
        assertThat(drain(backlog)).containsExactly("1", "2");
    }

    @Test
    void dropLeftDropsTheOldestEventWhenFull() {
        Backlog backlog = new Backlog(2, BacklogStrategy.DROP_LEFT);
        backlog.offer(event("1"));
        backlog.offer(event("2"));
        assertThat(backlog.offer(event("3"))).isTrue();
        assertThat(backlog.dropped()).isEqualTo(1);
        assertThat(drain(backlog)).containsExactly("2", "3");
    }

    @Test
    void heldLiveEventsFollowTheReleasedHistoryWithinTheBound() {
        Backlog backlog = new Backlog(3, BacklogStrategy.DROP_LEFT);
        backlog.hold();
        backlog.offer(event("live 1"));
        backlog.offer(event("live 2"));
        assertThat(backlog.poll()).as("nothing is visible before the history").isNull();
        backlog.release(List.of(event("old 1"), event("old 2")));
        assertThat(drain(backlog)).containsExactly("old 2", "live 1", "live 2");
        assertThat(backlog.dropped()).isEqualTo(1);
        backlog.offer(event("live 3"));
        assertThat(drain(backlog)).containsExactly("live 3");
    }

    @Test
    void aClosedBacklogRefusesEventsButGivesUpWhatItHolds() throws Exception {
        Backlog backlog = new Backlog(5, BacklogStrategy.BACKOFF);
        backlog.offer(event("kept"));
        backlog.close();
        assertThat(backlog.offer(event("late"))).isFalse();
        assertThat(backlog.isExhausted()).isFalse();
        assertThat(backlog.poll(1, TimeUnit.SECONDS).text()).isEqualTo("kept");
        long start = System.nanoTime();
        assertThat(backlog.poll(10, TimeUnit.SECONDS))
                .as("a closed, empty backlog answers at once")
                .isNull();
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
        assertThat(backlog.isExhausted()).isTrue();
    }

    @Test
    void pollWaitsForAnEventOrItsTimeout() throws Exception {
        Backlog backlog = new Backlog(5, BacklogStrategy.BACKOFF);
        assertThat(backlog.poll(20, TimeUnit.MILLISECONDS)).isNull();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            backlog.offer(event("late"));
        });
        assertThat(backlog.poll(10, TimeUnit.SECONDS).text()).isEqualTo("late");
    }

    @Test
    void aGiveUpConditionIsCheckedOnWakeUp() throws Exception {
        Backlog backlog = new Backlog(5, BacklogStrategy.BACKOFF);
        boolean[] giveUp = {false};
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            giveUp[0] = true;
            backlog.wakeUp();
        });
        long start = System.nanoTime();
        assertThat(backlog.poll(10, TimeUnit.SECONDS, () -> giveUp[0])).isNull();
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
    }

    @Test
    void aBacklogHoldsAtLeastOneEvent() {
        assertThatThrownBy(() -> new Backlog(0, BacklogStrategy.BACKOFF)).isInstanceOf(IllegalArgumentException.class);
    }
}

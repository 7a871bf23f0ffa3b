package dev.rigel.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.rigel.App;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every {@link ChannelsBackend} must do, on its own and under a {@link ChannelsPlugin} in a
 * started app. A backend's test extends this class and says how to make a backend; rigel-redis and
 * rigel-postgres reuse it through rigel-core's test-jar. Channel names carry a random prefix, so
 * runs against a shared broker never see each other's events.
 */
public abstract class ChannelsBackendContract {

    /** How long an expected event may take to arrive. */
    protected static final Duration WAIT = Duration.ofSeconds(10);

    private final List<App> apps = new ArrayList<>();
    private final List<ChannelsBackend> bareBackends = new ArrayList<>();
    private final String prefix = "rigel-test-" + UUID.randomUUID() + ":";

    protected CountingBackend backend;
    protected ChannelsPlugin channels;

    /** A new backend, not started; each call gives a fresh one. */
    protected abstract ChannelsBackend createBackend() throws Exception;

    /**
     * How many events per channel the backends made by {@link #createBackend} keep; 0 for a
     * backend without history.
     */
    protected abstract int historySize();

    @BeforeEach
    void startDefaultPlugin() throws Exception {
        backend = new CountingBackend(createBackend());
        channels = startPlugin(ChannelsPlugin.builder(backend).arbitraryChannelsAllowed(true));
    }

    @AfterEach
    void stopEverything() {
        apps.forEach(App::shutdown);
        bareBackends.forEach(ChannelsBackend::stop);
    }

    /** Builds the plugin into an app and starts the app; stopped after the test. */
    protected ChannelsPlugin startPlugin(ChannelsPlugin.Builder builder) {
        ChannelsPlugin plugin = builder.build();
        App app = App.builder().plugins(plugin).build();
        apps.add(app);
        app.startup();
        return plugin;
    }

    /** A channel name no other test or run uses. */
    protected String channel(String name) {
        return prefix + name;
    }

    protected static ChannelEvent nextEvent(Subscriber subscriber) throws InterruptedException {
        return subscriber
                .next(WAIT)
                .orElseThrow(() -> new AssertionError("no event within " + WAIT + " for " + subscriber));
    }

    protected static List<ChannelEvent> nextEvents(Subscriber subscriber, int count) throws InterruptedException {
        List<ChannelEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(nextEvent(subscriber));
        }
        return events;
    }

    protected static List<String> texts(List<ChannelEvent> events) {
        return events.stream().map(ChannelEvent::text).toList();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ---- the backend on its own ----

    @Test
    void theBackendDeliversSubscribedChannelsOnlyUntilUnsubscribed() throws Exception {
        ChannelsBackend bare = createBackend();
        bareBackends.add(bare);
        BlockingQueue<ChannelEvent> received = new LinkedBlockingQueue<>();
        bare.start((channel, data) -> received.add(new ChannelEvent(channel, data)));
        String watched = channel("watched");
        String other = channel("other");
        String marker = channel("marker");
        bare.subscribe(List.of(watched, marker));

        bare.publish(utf8("one"), List.of(watched, other));
        assertThat(received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isEqualTo(new ChannelEvent(watched, utf8("one")));

        bare.unsubscribe(List.of(watched));
        bare.publish(utf8("two"), List.of(watched));
        bare.publish(utf8("after"), List.of(marker));
        // the marker went out after "two"; once it is in, "two" would have been too
        assertThat(received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isEqualTo(new ChannelEvent(marker, utf8("after")));
        assertThat(received.poll(200, TimeUnit.MILLISECONDS))
                .as("nothing from an unsubscribed or never subscribed channel")
                .isNull();
    }

    // ---- through the plugin ----

    @Test
    void aSubscriberReceivesStringsBytesAndJson() throws Exception {
        String news = channel("news");
        try (Subscriber subscriber = channels.subscribe(news)) {
            channels.publish("héllo", news);
            channels.publish(new byte[] {1, 2, 3}, news);
            Article article = new Article("Channels", 42);
            channels.publish(article, news);
            channels.publish(Map.of("k", List.of(1, 2)), news);

            assertThat(nextEvent(subscriber)).isEqualTo(new ChannelEvent(news, utf8("héllo")));
            assertThat(nextEvent(subscriber).data()).containsExactly(1, 2, 3);
            // JSON in the app's own style: its mapper wrote it
            assertThat(nextEvent(subscriber).text())
                    .isEqualTo(apps.getFirst().objectMapper().writeValueAsString(article));
            assertThat(nextEvent(subscriber).text()).isEqualTo("{\"k\":[1,2]}");
        }
    }

    /** Published as JSON, compared with what the app's own mapper writes (whatever its naming). */
    public record Article(String title, int wordCount) {}

    @Test
    void oneSubscriberReceivesEveryChannelItSubscribedTo() throws Exception {
        String a = channel("a");
        String b = channel("b");
        String c = channel("c");
        try (Subscriber both = channels.subscribe(a, b);
                Subscriber onlyB = channels.subscribe(b)) {
            channels.publish("to a", a);
            channels.publish("to c", c);
            channels.publish("to a and b", a, b);

            List<ChannelEvent> events = nextEvents(both, 3);
            assertThat(events)
                    .containsExactlyInAnyOrder(
                            new ChannelEvent(a, utf8("to a")),
                            new ChannelEvent(a, utf8("to a and b")),
                            new ChannelEvent(b, utf8("to a and b")));
            assertThat(nextEvent(onlyB)).isEqualTo(new ChannelEvent(b, utf8("to a and b")));
            assertThat(both.channels()).containsExactlyInAnyOrder(a, b);

            both.subscribe(c);
            channels.publish("to c again", c);
            assertThat(nextEvent(both)).isEqualTo(new ChannelEvent(c, utf8("to c again")));
            assertThat(both.poll())
                    .as("'to c' was published before the subscription")
                    .isEmpty();
        }
    }

    @Test
    void unsubscribingStopsDeliveryToThatSubscriberOnly() throws Exception {
        String room = channel("room");
        String marker = channel("marker");
        try (Subscriber leaving = channels.subscribe(room, marker);
                Subscriber staying = channels.subscribe(room)) {
            leaving.unsubscribe(room);
            assertThat(leaving.isClosed()).as("it still has the marker channel").isFalse();
            assertThat(backend.unsubscribes(room))
                    .as("the channel still has a local subscriber")
                    .isZero();

            channels.publish("after", room);
            channels.publish("marker", marker);
            assertThat(nextEvent(staying).text()).isEqualTo("after");
            assertThat(nextEvent(leaving)).isEqualTo(new ChannelEvent(marker, utf8("marker")));
            assertThat(leaving.poll()).isEmpty();

            staying.unsubscribe(room);
            assertThat(staying.isClosed())
                    .as("leaving its last channel ends the stream")
                    .isTrue();
            assertThat(staying.next(Duration.ofMillis(1))).isEmpty();
            assertThat(backend.unsubscribes(room))
                    .as("the last local subscriber left")
                    .isEqualTo(1);
        }
    }

    @Test
    void eventsOfAChannelArriveInPublishingOrder() throws Exception {
        String ordered = channel("ordered");
        try (Subscriber subscriber = channels.subscribe(ordered)) {
            for (int i = 0; i < 200; i++) {
                channels.publish("event " + i, ordered);
            }
            assertThat(texts(nextEvents(subscriber, 200)))
                    .containsExactlyElementsOf(
                            IntStream.range(0, 200).mapToObj(i -> "event " + i).toList());
        }
    }

    @Test
    void binaryPayloadsArriveByteForByte() throws Exception {
        String binary = channel("binary");
        byte[] everyByte = new byte[256];
        for (int i = 0; i < 256; i++) {
            everyByte[i] = (byte) i;
        }
        byte[] notUtf8 = {(byte) 0xC3, (byte) 0x28, 0, (byte) 0xFF};
        try (Subscriber subscriber = channels.subscribe(binary)) {
            channels.publish(everyByte, binary);
            channels.publish(notUtf8, binary);
            channels.publish(new byte[0], binary);
            assertThat(nextEvent(subscriber).data()).isEqualTo(everyByte);
            assertThat(nextEvent(subscriber).data()).isEqualTo(notUtf8);
            assertThat(nextEvent(subscriber).data()).isEmpty();
        }
    }

    @Test
    void manySubscribersShareOneBackendSubscription() throws Exception {
        String crowd = channel("crowd");
        List<Subscriber> subscribers = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                subscribers.add(channels.subscribe(crowd));
            }
            for (int i = 0; i < 20; i++) {
                channels.publish("event " + i, crowd);
            }
            List<String> expected =
                    IntStream.range(0, 20).mapToObj(i -> "event " + i).toList();
            for (Subscriber subscriber : subscribers) {
                assertThat(texts(nextEvents(subscriber, 20))).containsExactlyElementsOf(expected);
            }
            assertThat(backend.subscribes(crowd)).isEqualTo(1);
        } finally {
            subscribers.forEach(Subscriber::close);
        }
        assertThat(backend.unsubscribes(crowd)).isEqualTo(1);
        assertThat(channels.isRunning()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(BacklogStrategy.class)
    void aSlowSubscriberNeitherBlocksThePublisherNorTheOthers(BacklogStrategy strategy) throws Exception {
        ChannelsPlugin bounded = startPlugin(ChannelsPlugin.builder(createBackend())
                .arbitraryChannelsAllowed(true)
                .subscriberMaxBacklog(5)
                .subscriberBacklogStrategy(strategy));
        String busy = channel("busy");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch stuckTookOne = new CountDownLatch(1);
        try (Subscriber neverReads = bounded.subscribe(busy);
                Subscriber stuck = bounded.subscribe(busy);
                Subscriber fast = bounded.subscribe(busy)) {
            // a consumer stuck inside its callback, as a client that stopped reading would be
            stuck.runInBackground(event -> {
                stuckTookOne.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            // the fast subscriber shares the bound, so each event is published once it took the last
            List<String> fastReceived = new ArrayList<>();
            assertTimeoutPreemptively(
                    WAIT.multipliedBy(2),
                    () -> {
                        for (int i = 0; i < 100; i++) {
                            bounded.publish("event " + i, busy);
                            fastReceived.add(nextEvent(fast).text());
                        }
                    },
                    "neither the publisher nor the fast subscriber may wait for the slow ones");
            assertThat(fastReceived)
                    .containsExactlyElementsOf(
                            IntStream.range(0, 100).mapToObj(i -> "event " + i).toList());
            awaitDropped(neverReads, 95);
            assertThat(neverReads.droppedEvents()).isEqualTo(95);
            List<String> kept = new ArrayList<>();
            for (Optional<ChannelEvent> e = neverReads.poll(); e.isPresent(); e = neverReads.poll()) {
                kept.add(e.get().text());
            }
            List<Integer> expected =
                    strategy == BacklogStrategy.BACKOFF ? List.of(0, 1, 2, 3, 4) : List.of(95, 96, 97, 98, 99);
            assertThat(kept)
                    .containsExactlyElementsOf(
                            expected.stream().map(i -> "event " + i).toList());
            // its worker holds one event (it may only have been scheduled now); every other one is
            // queued or dropped, and the queue is full unless the worker took its event after the
            // queue had filled
            assertThat(stuckTookOne.await(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .isTrue();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (stuck.droppedEvents() + stuck.backlogSize() < 99 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(stuck.droppedEvents() + stuck.backlogSize()).isEqualTo(99);
            assertThat(stuck.backlogSize()).isBetween(4, 5);
        } finally {
            release.countDown();
        }
    }

    private static void awaitDropped(Subscriber subscriber, long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (subscriber.droppedEvents() < atLeast) {
            if (System.nanoTime() > deadline) {
                fail("expected " + atLeast + " dropped events, saw " + subscriber.droppedEvents());
            }
            Thread.sleep(5);
        }
    }

    @Test
    void aBackgroundWorkerHandsOverEventsInOrder() throws Exception {
        String pushed = channel("pushed");
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        try (Subscriber subscriber = channels.subscribe(pushed)) {
            BackgroundWorker worker = subscriber.runInBackground(event -> received.add(event.text()));
            assertThatThrownBy(() -> subscriber.runInBackground(event -> {})).isInstanceOf(IllegalStateException.class);
            for (int i = 0; i < 10; i++) {
                channels.publish("event " + i, pushed);
            }
            for (int i = 0; i < 10; i++) {
                assertThat(received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                        .isEqualTo("event " + i);
            }
            worker.close();
            assertThat(worker.isRunning()).isFalse();
            assertThat(worker.failure()).isEmpty();
        }
    }

    @Test
    void stoppingTheAppEndsEveryStream() throws Exception {
        String ending = channel("ending");
        Subscriber subscriber = channels.subscribe(ending);
        Thread reader = Thread.ofVirtual().start(() -> subscriber.iterEvents().forEach(event -> {}));
        apps.getFirst().shutdown();
        assertThat(reader.join(WAIT)).as("iteration ended").isTrue();
        assertThat(subscriber.isClosed()).isTrue();
        assertThat(channels.isRunning()).isFalse();
        assertThatThrownBy(() -> channels.publish("late", ending))
                .isInstanceOf(ChannelsException.class)
                .hasMessageContaining("not running");
    }

    // ---- history ----

    @Test
    void historyKeepsTheLatestEventsOldestFirst() throws Exception {
        assumeThat(historySize()).as("the backend keeps history").isPositive();
        String logged = channel("logged");
        int published = historySize() + 3;
        for (int i = 0; i < published; i++) {
            channels.publish("event " + i, logged);
        }
        List<String> all =
                IntStream.range(0, published).mapToObj(i -> "event " + i).toList();
        assertThat(channels.getHistory(logged, 2).stream().map(String::new).toList())
                .containsExactlyElementsOf(all.subList(published - 2, published));
        assertThat(channels.getHistory(logged, published * 2).stream()
                        .map(String::new)
                        .toList())
                .as("at most the configured history")
                .containsExactlyElementsOf(all.subList(3, published));
        assertThat(channels.getHistory(channel("silent"), 5)).isEmpty();
    }

    @Test
    void aNewSubscriberCanStartWithTheHistory() throws Exception {
        assumeThat(historySize()).as("the backend keeps history").isGreaterThanOrEqualTo(2);
        String a = channel("replay-a");
        String b = channel("replay-b");
        channels.publish("a0", a);
        channels.publish("a1", a);
        channels.publish("a2", a);
        channels.publish("b0", b);
        try (Subscriber subscriber = channels.subscribe(List.of(a, b), 2)) {
            channels.publish("a3", a);
            assertThat(texts(nextEvents(subscriber, 4))).containsExactly("a1", "a2", "b0", "a3");
        }
    }

    @Test
    void aBackendWithoutHistorySaysSo() {
        assumeThat(historySize()).as("the backend keeps no history").isZero();
        String plain = channel("plain");
        assertThat(backend.hasHistory()).isFalse();
        assertThatThrownBy(() -> channels.getHistory(plain, 1))
                .isInstanceOf(ChannelsException.class)
                .hasMessageContaining("keeps no history");
        assertThatThrownBy(() -> channels.subscribe(List.of(plain), 1))
                .isInstanceOf(ChannelsException.class)
                .hasMessageContaining("keeps no history");
        assertThatThrownBy(() -> backend.getHistory(plain, 1)).isInstanceOf(UnsupportedOperationException.class);
    }
}

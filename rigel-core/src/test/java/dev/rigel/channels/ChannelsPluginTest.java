package dev.rigel.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.rigel.App;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The plugin's configuration rules, encoding and subscriber lifecycle, on the memory backend. */
class ChannelsPluginTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private final List<App> apps = new ArrayList<>();

    @AfterEach
    void stopApps() {
        apps.forEach(App::shutdown);
    }

    private ChannelsPlugin started(ChannelsPlugin.Builder builder) {
        ChannelsPlugin plugin = builder.build();
        App app = App.builder().plugins(plugin).build();
        apps.add(app);
        app.startup();
        return plugin;
    }

    private ChannelsPlugin arbitrary() {
        return started(ChannelsPlugin.builder(new MemoryChannelsBackend(5)).arbitraryChannelsAllowed(true));
    }

    // ---- configuration ----

    @Test
    void aPluginWithoutChannelsOrArbitraryChannelsIsRefused() {
        assertThatThrownBy(() ->
                        ChannelsPlugin.builder(new MemoryChannelsBackend()).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("channels(…) or arbitraryChannelsAllowed(true)");
    }

    @Test
    void emptyChannelNamesAndABacklogBelowOneAreRefused() {
        assertThatThrownBy(() -> ChannelsPlugin.builder(new MemoryChannelsBackend())
                        .channels("ok", "")
                        .build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("must not be null or empty");
        assertThatThrownBy(() -> ChannelsPlugin.builder(new MemoryChannelsBackend())
                        .arbitraryChannelsAllowed(true)
                        .subscriberMaxBacklog(0)
                        .build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("subscriberMaxBacklog must be at least 1");
    }

    @Test
    void theDefaultsAreABoundedBackoffBacklog() {
        ChannelsPlugin plugin = ChannelsPlugin.builder(new MemoryChannelsBackend())
                .channels("a")
                .build();
        assertThat(plugin.subscriberMaxBacklog()).isEqualTo(ChannelsPlugin.DEFAULT_MAX_BACKLOG);
        assertThat(plugin.subscriberBacklogStrategy()).isEqualTo(BacklogStrategy.BACKOFF);
        assertThat(plugin.channels()).containsExactly("a");
        assertThat(plugin.arbitraryChannelsAllowed()).isFalse();
    }

    @Test
    void onlyConfiguredChannelsAreServedUnlessArbitraryOnesAreAllowed() throws Exception {
        ChannelsPlugin plugin =
                started(ChannelsPlugin.builder(new MemoryChannelsBackend(5)).channels("news", "alerts"));
        assertThatThrownBy(() -> plugin.publish("x", "news", "gossip"))
                .isInstanceOf(ChannelsException.class)
                .hasMessageContaining("Unknown channel 'gossip'")
                .hasMessageContaining("[alerts, news]");
        assertThatThrownBy(() -> plugin.subscribe("gossip"))
                .isInstanceOf(ChannelsException.class)
                .hasMessageContaining("Unknown channel 'gossip'");
        assertThatThrownBy(() -> plugin.getHistory("gossip", 1)).isInstanceOf(ChannelsException.class);
        assertThat(plugin.getHistory("news", 5))
                .as("the refused publish reached no channel")
                .isEmpty();

        try (Subscriber subscriber = plugin.subscribe("news")) {
            assertThatThrownBy(() -> subscriber.subscribe("gossip")).isInstanceOf(ChannelsException.class);
            plugin.publish("hello", "news");
            assertThat(subscriber.next(WAIT).orElseThrow().text()).isEqualTo("hello");
        }
        assertThatThrownBy(() -> plugin.publish("x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one channel");
        assertThatThrownBy(() -> plugin.publish("x", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPluginThatWasNeverStartedSaysSo() {
        ChannelsPlugin plugin = ChannelsPlugin.builder(new MemoryChannelsBackend())
                .arbitraryChannelsAllowed(true)
                .build();
        assertThatThrownBy(() -> plugin.publish("x", "c"))
                .isInstanceOf(ChannelsException.class)
                .hasMessageContaining("not running")
                .hasMessageContaining("plugins(");
        assertThatThrownBy(() -> plugin.subscribe("c"))
                .isInstanceOf(ChannelsException.class)
                .hasMessageContaining("not running");
    }

    // ---- encoding ----

    record Greeting(String fullName, int unreadCount) {}

    @Test
    void objectsArePublishedAsJsonByTheAppsMapper() throws Exception {
        ChannelsPlugin plugin = ChannelsPlugin.builder(new MemoryChannelsBackend())
                .arbitraryChannelsAllowed(true)
                .build();
        App app = App.builder()
                .plugins(plugin)
                .json(mapper -> mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE))
                .build();
        apps.add(app);
        app.startup();
        try (Subscriber subscriber = plugin.subscribe("c")) {
            plugin.publish(new Greeting("Ada Lovelace", 3), "c");
            assertThat(subscriber.next(WAIT).orElseThrow().text())
                    .isEqualTo("{\"full_name\":\"Ada Lovelace\",\"unread_count\":3}");
        }
    }

    /** Jackson cannot write it: its only property fails. */
    public static final class Unwritable {
        public String getValue() {
            throw new IllegalStateException("not today");
        }
    }

    @Test
    void aValueWithoutAJsonFormIsAClearError() {
        ChannelsPlugin plugin = arbitrary();
        assertThatThrownBy(() -> plugin.publish(new Unwritable(), "c"))
                .isInstanceOf(ChannelsException.class)
                .hasMessageContaining(Unwritable.class.getName())
                .hasMessageContaining("cannot be written as JSON");
    }

    @Test
    void publishedBytesAreCopiedSoTheCallerMayReuseItsArray() throws Exception {
        ChannelsPlugin plugin = arbitrary();
        try (Subscriber subscriber = plugin.subscribe("c")) {
            byte[] buffer = {1, 2, 3};
            plugin.publish(buffer, "c");
            buffer[0] = 9;
            assertThat(subscriber.next(WAIT).orElseThrow().data()).containsExactly(1, 2, 3);
        }
    }

    // ---- subscribers ----

    @Test
    void nextAnswersEmptyWhenNothingArrivesInTime() throws Exception {
        ChannelsPlugin plugin = arbitrary();
        try (Subscriber subscriber = plugin.subscribe("quiet")) {
            long start = System.nanoTime();
            assertThat(subscriber.next(Duration.ofMillis(50))).isEmpty();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    @Test
    void closingASubscriberEndsItsIterationAfterWhatWasQueued() throws Exception {
        ChannelsPlugin plugin = arbitrary();
        Subscriber subscriber = plugin.subscribe("c");
        plugin.publish("queued", "c");
        BlockingQueue<String> seen = new LinkedBlockingQueue<>();
        CountDownLatch firstSeen = new CountDownLatch(1);
        Thread reader = Thread.ofVirtual().start(() -> {
            for (ChannelEvent event : subscriber.iterEvents()) {
                seen.add(event.text());
                firstSeen.countDown();
            }
        });
        assertThat(firstSeen.await(5, TimeUnit.SECONDS)).isTrue();
        subscriber.close();
        subscriber.close();
        assertThat(reader.join(WAIT)).isTrue();
        assertThat(seen).containsExactly("queued");
        assertThat(subscriber.channels()).isEmpty();
        assertThatThrownBy(() -> subscriber.subscribe("c"))
                .isInstanceOf(ChannelsException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aSubscriberCanStartWithHistoryFromTheMemoryBackend() throws Exception {
        ChannelsPlugin plugin = arbitrary();
        for (int i = 0; i < 8; i++) {
            plugin.publish("e" + i, "c");
        }
        try (Subscriber subscriber = plugin.subscribe(List.of("c"), 3)) {
            plugin.publish("live", "c");
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                texts.add(subscriber.next(WAIT).orElseThrow().text());
            }
            // the memory backend keeps 5; three were asked for
            assertThat(texts).containsExactly("e5", "e6", "e7", "live");
        }
        assertThatThrownBy(() -> plugin.subscribe(List.of("c"), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWorkerStoppedWithJoinFirstHandsOverWhatIsQueued() throws Exception {
        ChannelsPlugin plugin = arbitrary();
        try (Subscriber subscriber = plugin.subscribe("c")) {
            CountDownLatch inCallback = new CountDownLatch(1);
            CountDownLatch proceed = new CountDownLatch(1);
            List<String> handled = new ArrayList<>();
            BackgroundWorker worker = subscriber.runInBackground(event -> {
                inCallback.countDown();
                try {
                    proceed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                handled.add(event.text());
            });
            plugin.publish("1", "c");
            assertThat(inCallback.await(5, TimeUnit.SECONDS)).isTrue();
            plugin.publish("2", "c");
            plugin.publish("3", "c");
            worker.stop(true);
            proceed.countDown();
            assertThat(worker.awaitTermination(WAIT)).isTrue();
            assertThat(handled).containsExactly("1", "2", "3");
            assertThat(subscriber.isClosed())
                    .as("stopping a worker leaves the subscriber open")
                    .isFalse();
        }
    }

    @Test
    void aWorkerStoppedWithoutJoinEndsAfterTheCurrentEvent() throws Exception {
        ChannelsPlugin plugin = arbitrary();
        try (Subscriber subscriber = plugin.subscribe("c")) {
            CountDownLatch inCallback = new CountDownLatch(1);
            CountDownLatch proceed = new CountDownLatch(1);
            List<String> handled = new ArrayList<>();
            BackgroundWorker worker = subscriber.runInBackground(event -> {
                inCallback.countDown();
                try {
                    proceed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                handled.add(event.text());
            });
            plugin.publish("1", "c");
            assertThat(inCallback.await(5, TimeUnit.SECONDS)).isTrue();
            plugin.publish("2", "c");
            worker.stop(false);
            proceed.countDown();
            assertThat(worker.awaitTermination(WAIT)).isTrue();
            assertThat(handled).containsExactly("1");
            assertThat(subscriber.poll().orElseThrow().text()).isEqualTo("2");
        }
    }

    @Test
    void aFailingCallbackEndsItsWorkerAndIsKept() throws Exception {
        ChannelsPlugin plugin = arbitrary();
        try (Subscriber subscriber = plugin.subscribe("c")) {
            BackgroundWorker worker = subscriber.runInBackground(event -> {
                throw new IllegalStateException("socket gone");
            });
            plugin.publish("boom", "c");
            assertThat(worker.awaitTermination(WAIT)).isTrue();
            assertThat(worker.failure()).get().extracting(Throwable::getMessage).isEqualTo("socket gone");
            BackgroundWorker next = subscriber.runInBackground(event -> {});
            assertThat(next.isRunning())
                    .as("a new worker may start once the old one ended")
                    .isTrue();
            subscriber.close();
            assertThat(next.awaitTermination(WAIT))
                    .as("closing the subscriber ends its worker")
                    .isTrue();
        }
    }

    // ---- lifecycle ----

    @Test
    void appsSharingThePluginKeepItRunningUntilTheLastStops() throws Exception {
        CountingBackend backend = new CountingBackend(new MemoryChannelsBackend());
        ChannelsPlugin plugin =
                ChannelsPlugin.builder(backend).arbitraryChannelsAllowed(true).build();
        App app = App.builder().plugins(plugin).build();
        App overridden = app.withDependencyOverrides(java.util.Map.of());
        app.startup();
        overridden.startup();
        try {
            Subscriber subscriber = plugin.subscribe("c");
            app.shutdown();
            assertThat(plugin.isRunning()).isTrue();
            plugin.publish("still here", "c");
            assertThat(subscriber.next(WAIT).orElseThrow().text()).isEqualTo("still here");
        } finally {
            overridden.shutdown();
        }
        assertThat(plugin.isRunning()).isFalse();
        assertThat(app.plugins().get(ChannelsPlugin.class)).isSameAs(plugin);
    }
}

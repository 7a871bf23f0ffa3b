package dev.rigel.responses;

import static dev.rigel.testing.support.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigel.App;
import dev.rigel.annotation.Get;
import dev.rigel.di.Provide;
import dev.rigel.di.Scoped;
import dev.rigel.http.Response;
import dev.rigel.response.Stream;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import dev.rigel.testing.support.Clients;
import dev.rigel.testing.support.Transport;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Streams from iterators and input streams, sent piece by piece. */
class StreamResponseTest {

    static final List<String> EVENTS = new CopyOnWriteArrayList<>();
    static final AtomicBoolean INPUT_CLOSED = new AtomicBoolean();
    static final AtomicInteger PULLED = new AtomicInteger();
    static final byte[] DATA = new byte[150_000];

    static {
        new Random(7).nextBytes(DATA);
    }

    record Point(int x, int y) {}

    /** An iterator that counts what was taken from it and notes when it is closed. */
    static final class CountingIterator implements Iterator<String>, AutoCloseable {
        private final int size;
        private int next;

        CountingIterator(int size) {
            this.size = size;
        }

        @Override
        public boolean hasNext() {
            return next < size;
        }

        @Override
        public String next() {
            PULLED.incrementAndGet();
            return "item" + next++ + ";";
        }

        @Override
        public void close() {
            EVENTS.add("iterator closed");
        }
    }

    static Scoped<String> resource() {
        EVENTS.add("open resource");
        return Scoped.of(
                "resource", outcome -> EVENTS.add("close resource: " + (outcome.failed() ? "failed" : "success")));
    }

    public static class Handlers {
        @Get("/mixed")
        public Stream mixed() {
            return Stream.of(List.of("text,", new byte[] {'o', 'k', ','}, new Point(1, 2), "end"));
        }

        @Get("/input")
        public Stream input() {
            return Stream.of(new FilterInputStream(new ByteArrayInputStream(DATA)) {
                @Override
                public void close() throws IOException {
                    INPUT_CLOSED.set(true);
                    super.close();
                }
            });
        }

        @Get("/ndjson")
        public Response<Stream> ndjson() {
            return Response.of(
                            Stream.of(List.of(new Point(1, 2), new Point(3, 4)).iterator())
                                    .mediaType("application/x-ndjson"))
                    .status(202)
                    .header("x-extra", "yes");
        }

        @Get("/counted")
        public Stream counted() {
            return Stream.of(new CountingIterator(3));
        }

        @Get("/empty")
        public Stream empty() {
            return Stream.of(List.of());
        }

        @Get("/uses-resource")
        public Stream usesResource(String resource) {
            Iterator<Integer> numbers = List.of(1, 2, 3).iterator();
            return Stream.of(new Iterator<String>() {
                @Override
                public boolean hasNext() {
                    return numbers.hasNext();
                }

                @Override
                public String next() {
                    int n = numbers.next();
                    EVENTS.add("element " + n + " with " + resource);
                    return n + ";";
                }
            });
        }

        @Get("/failing")
        public Stream failing(String resource) {
            return Stream.of(new Iterator<String>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public String next() {
                    if (next++ == 2) {
                        throw new IllegalStateException("source broke");
                    }
                    return "x".repeat(100);
                }
            });
        }
    }

    @BeforeEach
    void reset() {
        EVENTS.clear();
        INPUT_CLOSED.set(false);
        PULLED.set(0);
    }

    private static TestClient client(Transport transport) {
        App app = App.builder()
                .routeHandlers(new Handlers())
                .responseHeader("x-layer", "app")
                .dependency("resource", Provide.of(StreamResponseTest::resource))
                .build();
        return Clients.open(app, transport);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sendsStringsAndBytesAsIsAndOtherValuesAsJsonLines(Transport transport) {
        try (TestClient client = client(transport)) {
            TestResponse response = client.get("/mixed");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("text,ok,{\"x\":1,\"y\":2}\nend");
            assertThat(response.header("content-type")).isEqualTo("text/plain; charset=utf-8");
            assertThat(response.header("content-length")).isNull();
            assertThat(response.header("x-layer")).isEqualTo("app");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void streamsAnInputStreamAndClosesIt(Transport transport) {
        try (TestClient client = client(transport)) {
            TestResponse response = client.get("/input");
            assertThat(response.body()).isEqualTo(DATA);
            assertThat(response.header("content-type")).isEqualTo("application/octet-stream");
            eventually(() -> assertThat(INPUT_CLOSED).isTrue());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void responseWrapperSetsStatusAndHeaders(Transport transport) {
        try (TestClient client = client(transport)) {
            TestResponse response = client.get("/ndjson");
            assertThat(response.status()).isEqualTo(202);
            assertThat(response.header("content-type")).isEqualTo("application/x-ndjson");
            assertThat(response.header("x-extra")).isEqualTo("yes");
            assertThat(response.text()).isEqualTo("{\"x\":1,\"y\":2}\n{\"x\":3,\"y\":4}\n");
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void closesAnAutoCloseableIteratorAndSendsEmptyStreams(Transport transport) {
        try (TestClient client = client(transport)) {
            assertThat(client.get("/counted").text()).isEqualTo("item0;item1;item2;");
            eventually(() -> assertThat(EVENTS).containsExactly("iterator closed"));
            TestResponse empty = client.get("/empty");
            assertThat(empty.status()).isEqualTo(200);
            assertThat(empty.body()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void headDoesNotRunTheSource(Transport transport) {
        try (TestClient client = client(transport)) {
            TestResponse response = client.head("/counted");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEmpty();
            assertThat(response.header("content-type")).isEqualTo("text/plain; charset=utf-8");
            eventually(() -> assertThat(EVENTS).containsExactly("iterator closed"));
            assertThat(PULLED).hasValue(0);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void scopedDependenciesAreCleanedUpAfterTheLastElement(Transport transport) {
        try (TestClient client = client(transport)) {
            assertThat(client.get("/uses-resource").text()).isEqualTo("1;2;3;");
            eventually(() -> assertThat(EVENTS)
                    .containsExactly(
                            "open resource",
                            "element 1 with resource",
                            "element 2 with resource",
                            "element 3 with resource",
                            "close resource: success"));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aSourceFailingMidStreamAbortsTheResponse(Transport transport) {
        try (TestClient client = client(transport)) {
            // the status is already out: the only honest signal left is an incomplete response
            assertThatThrownBy(() -> client.get("/failing")).isInstanceOf(RuntimeException.class);
            eventually(() -> assertThat(EVENTS).containsExactly("open resource", "close resource: failed"));
        }
    }
}

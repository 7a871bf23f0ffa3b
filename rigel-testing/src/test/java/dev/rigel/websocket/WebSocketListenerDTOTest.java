package dev.rigel.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rigel.App;
import dev.rigel.Controller;
import dev.rigel.WebSocketRoute;
import dev.rigel.annotation.WebSocketListener;
import dev.rigel.dto.DTOConfig;
import dev.rigel.dto.DTOData;
import dev.rigel.dto.NoDTO;
import dev.rigel.dto.RecordDTO;
import dev.rigel.dto.field.DTOField;
import dev.rigel.dto.field.Mark;
import dev.rigel.exceptions.ImproperlyConfiguredException;
import dev.rigel.http.HandlerInfo;
import dev.rigel.protocol.ScopeType;
import dev.rigel.testing.TestClient;
import dev.rigel.testing.WebSocketTestSession;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * DTOs on WebSocket listeners, as on HTTP handlers: each message is decoded through the route's
 * DTO into {@code data} (the model, a list, or {@code DTOData}), replies go through the return
 * DTO, and a bad message closes the connection with 4500 and the validation detail (the defined
 * error for a listener's bad input), never an ERROR log line. In-process and over Rigel's server.
 */
class WebSocketListenerDTOTest {

    enum Transport {
        IN_PROCESS,
        LIVE
    }

    static TestClient open(App app, Transport transport) {
        return transport == Transport.IN_PROCESS
                ? TestClient.of(app).raiseServerExceptions(false)
                : TestClient.live(app);
    }

    record Note(
            @DTOField(mark = Mark.READ_ONLY) Long id,
            @NotBlank String text,
            int priority,
            String secret) {}

    /** What clients may send: text and priority (the id is read-only, the secret excluded). */
    static class NoteWriteDTO extends RecordDTO<Note> {
        NoteWriteDTO() {
            super(DTOConfig.builder().exclude("secret").build());
        }
    }

    static class NotePatchDTO extends RecordDTO<Note> {
        NotePatchDTO() {
            super(DTOConfig.builder().exclude("secret").partial(true).build());
        }
    }

    /** What clients see: everything but the secret. */
    static class NoteReadDTO extends RecordDTO<Note> {
        NoteReadDTO() {
            super(DTOConfig.builder().exclude("secret").build());
        }
    }

    public static class Notes extends Controller {
        final AtomicLong ids = new AtomicLong();
        final Map<Long, Note> rows = new ConcurrentHashMap<>();
        final List<Note> received = new CopyOnWriteArrayList<>();

        public Notes() {
            super("/notes");
        }

        @WebSocketListener(value = "/create", dto = NoteWriteDTO.class, returnDto = NoteReadDTO.class)
        public Note create(Note data) {
            received.add(data);
            Note stored = new Note(ids.incrementAndGet(), data.text(), data.priority(), "secret-" + ids.get());
            rows.put(stored.id(), stored);
            return stored;
        }

        @WebSocketListener(value = "/{id:long}/patch", dto = NotePatchDTO.class, returnDto = NoteReadDTO.class)
        public Note patch(long id, DTOData<Note> data) {
            Note updated = data.updateInstance(rows.get(id));
            rows.put(id, updated);
            return updated;
        }

        @WebSocketListener(value = "/batch", dto = NoteWriteDTO.class, returnDto = NoteReadDTO.class)
        public List<Note> batch(List<Note> data) {
            return data.stream()
                    .map(note -> new Note(ids.incrementAndGet(), note.text(), note.priority(), "hidden"))
                    .toList();
        }

        /** NoDTO switches the controller's DTO off: the message is plain JSON again. */
        @WebSocketListener(value = "/raw", dto = NoDTO.class, returnDto = NoDTO.class)
        public Map<String, Object> raw(Map<String, Object> data) {
            return data;
        }
    }

    /** A listener class that inherits its DTOs from its router layer. */
    @WebSocketListener("/echo")
    public static class Echo {
        public Note onReceive(Note data) {
            return new Note(7L, data.text().toUpperCase(), data.priority(), "never sent");
        }
    }

    static Notes notes;

    static App app() {
        notes = new Notes();
        notes.layer().dto(NoteWriteDTO.class);
        return App.builder()
                .routeHandlers(
                        notes,
                        dev.rigel.Router.builder("/layered")
                                .dto(NoteWriteDTO.class)
                                .returnDto(NoteReadDTO.class)
                                .routeHandlers(new Echo())
                                .build(),
                        WebSocketRoute.listener(
                                        "/lambda", (Note data) -> new Note(null, data.text(), data.priority(), "x"))
                                .dto(NoteWriteDTO.class)
                                .returnDto(NoteReadDTO.class))
                .build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void dataIsDecodedAndRepliesEncodedThroughTheDTOs(Transport transport) {
        try (TestClient client = open(app(), transport);
                WebSocketTestSession socket = client.websocketConnect("/notes/create")) {
            socket.sendJson(Map.of("id", 99, "text", "hello", "priority", 2, "secret", "injected"));
            assertThat(socket.receiveJson(Map.class)).isEqualTo(Map.of("id", 1, "text", "hello", "priority", 2));
            // the read-only id and the excluded secret never reached the model
            assertThat(notes.received).containsExactly(new Note(null, "hello", 2, null));
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void dtoDataListsLayersAndLambdas(Transport transport) {
        try (TestClient client = open(app(), transport)) {
            try (WebSocketTestSession socket = client.websocketConnect("/notes/create")) {
                socket.sendJson(Map.of("text", "first", "priority", 1));
                assertThat(socket.receiveJson(Map.class)).containsEntry("id", 1);
            }
            try (WebSocketTestSession socket = client.websocketConnect("/notes/1/patch")) {
                socket.sendJson(Map.of("priority", 5));
                assertThat(socket.receiveJson(Map.class)).isEqualTo(Map.of("id", 1, "text", "first", "priority", 5));
            }
            assertThat(notes.rows.get(1L).secret()).isEqualTo("secret-1"); // a partial update keeps the rest
            try (WebSocketTestSession socket = client.websocketConnect("/notes/batch")) {
                socket.sendJson(List.of(Map.of("text", "a", "priority", 1), Map.of("text", "b", "priority", 2)));
                assertThat(socket.receiveJson(List.class))
                        .isEqualTo(List.of(
                                Map.of("id", 2, "text", "a", "priority", 1),
                                Map.of("id", 3, "text", "b", "priority", 2)));
            }
            try (WebSocketTestSession socket = client.websocketConnect("/notes/raw")) {
                socket.sendJson(Map.of("secret", "kept"));
                assertThat(socket.receiveJson(Map.class)).isEqualTo(Map.of("secret", "kept"));
            }
            try (WebSocketTestSession socket = client.websocketConnect("/layered/echo")) {
                socket.sendJson(Map.of("text", "up", "priority", 3, "secret", "no"));
                assertThat(socket.receiveJson(Map.class)).isEqualTo(Map.of("id", 7, "text", "UP", "priority", 3));
            }
            try (WebSocketTestSession socket = client.websocketConnect("/lambda")) {
                socket.sendJson(Map.of("text", "l", "priority", 4));
                assertThat(socket.receiveJson(Map.class)).isEqualTo(mapWithNullId("l", 4));
            }
        }
    }

    private static Map<String, Object> mapWithNullId(String text, int priority) {
        Map<String, Object> expected = new java.util.HashMap<>();
        expected.put("id", null);
        expected.put("text", text);
        expected.put("priority", priority);
        return expected;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void badMessagesCloseWith4500AndTheDetailWithoutAnErrorLog(Transport transport) {
        Logger logger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try (TestClient client = open(app(), transport)) {
            try (WebSocketTestSession socket = client.websocketConnect("/notes/create")) {
                socket.sendText("{not json");
                WebSocketTestSession.Close close = socket.awaitClose();
                assertThat(close.code()).isEqualTo(4500);
                assertThat(close.reason()).startsWith("Malformed JSON");
            }
            try (WebSocketTestSession socket = client.websocketConnect("/notes/create")) {
                socket.sendJson(Map.of("text", "x", "priority", "high"));
                assertThat(socket.awaitClose())
                        .isEqualTo(
                                new WebSocketTestSession.Close(4500, "Validation failed for WEBSOCKET /notes/create"));
            }
            try (WebSocketTestSession socket = client.websocketConnect("/notes/create")) {
                socket.sendJson(Map.of("text", " ", "priority", 1));
                assertThat(socket.awaitClose())
                        .isEqualTo(
                                new WebSocketTestSession.Close(4500, "Validation failed for WEBSOCKET /notes/create"));
            }
            try (WebSocketTestSession socket = client.websocketConnect("/notes/create")) {
                socket.sendJson(List.of(1, 2)); // an array where an object belongs
                assertThat(socket.awaitClose().code()).isEqualTo(4500);
            }
            assertThat(notes.received).isEmpty();
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.ERROR));
    }

    @Test
    void theRouteDescriptionNamesItsDTOs() {
        App app = app();
        HandlerInfo create = app.routes().stream()
                .filter(route -> route.scopeType() == ScopeType.WEBSOCKET
                        && route.pathTemplate().equals("/notes/create"))
                .findFirst()
                .orElseThrow();
        assertThat(create.dataDTO()).isPresent();
        assertThat(create.returnDTO()).isPresent();
        assertThat(create.returnDTO().orElseThrow().fields())
                .extracting(field -> field.name())
                .containsExactly("id", "text", "priority");
    }

    @Test
    void dataOfAnotherTypeThanTheDTOsModelFailsTheBuild() {
        class Wrong extends Controller {
            Wrong() {
                super("/");
            }

            @WebSocketListener(value = "/x", dto = NoteWriteDTO.class)
            public void wrong(Map<String, Object> data) {}
        }
        assertThatThrownBy(() -> App.builder().routeHandlers(new Wrong()).build())
                .isInstanceOf(ImproperlyConfiguredException.class)
                .hasMessageContaining("parameter 'data'")
                .hasMessageContaining("shapes Note");
    }
}

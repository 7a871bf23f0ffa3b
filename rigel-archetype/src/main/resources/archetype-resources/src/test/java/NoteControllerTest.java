package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigel.testing.TestClient;
import dev.rigel.testing.TestResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NoteControllerTest {

    private static TestClient client(int maxNotes) {
        return TestClient.of(WebApp.create(new Settings("Hi there", maxNotes)));
    }

    @Test
    void answersTheGreeting() {
        try (TestClient client = client(10)) {
            assertThat(client.get("/").text()).isEqualTo("Hi there");
        }
    }

    @Test
    void createsListsAndReadsNotes() {
        try (TestClient client = client(10)) {
            TestResponse created = client.post("/notes", Map.of("text", "buy milk"));
            assertThat(created.status()).isEqualTo(201);
            Map<String, Object> note = created.jsonMap();
            assertThat(note).containsEntry("text", "buy milk").containsKeys("id", "createdAt");
            assertThat(client.get("/notes").jsonList()).hasSize(1);
            assertThat(client.get("/notes/" + note.get("id")).jsonMap()).containsEntry("text", "buy milk");
        }
    }

    @Test
    void refusesBadInputWithClearErrors() {
        try (TestClient client = client(1)) {
            assertThat(client.post("/notes", Map.of("text", "")).status()).isEqualTo(400);
            assertThat(client.post("/notes", Map.of("id", 7, "text", "sets its own id")).jsonMap())
                    .containsEntry("id", 1);
            assertThat(client.post("/notes", Map.of("text", "one too many")).status()).isEqualTo(409);
            assertThat(client.get("/notes/99").status()).isEqualTo(404);
        }
    }
}

package ${package};

import dev.rigel.dto.DTOConfig;
import dev.rigel.dto.RecordDTO;

/** What a client sends to create a note: only its text; the app sets the id and the time. */
public final class NoteWrite extends RecordDTO<Note> {

    public NoteWrite() {
        super(DTOConfig.builder().exclude("id", "createdAt").build());
    }
}

package ${package};

import dev.rigel.Controller;
import dev.rigel.annotation.Get;
import dev.rigel.annotation.Post;
import dev.rigel.dto.DTOData;
import dev.rigel.dto.NoDTO;
import dev.rigel.exceptions.NotFoundException;
import dev.rigel.exceptions.ConflictException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code /notes}: list, read and create notes; the {@code notes} dependency comes from {@link WebApp}. */
public final class NoteController extends Controller {

    public NoteController() {
        super("/notes");
    }

    @Get
    public List<Note> list(Notes notes) {
        return notes.all();
    }

    @Get("/{note_id:long}")
    public Note get(long noteId, Notes notes) {
        return notes.find(noteId).orElseThrow(() -> new NotFoundException("No note " + noteId));
    }

    /** The body is read through {@link NoteWrite}; the answer is the whole note. */
    @Post(dto = NoteWrite.class, returnDto = NoDTO.class)
    public Note create(DTOData<Note> data, Notes notes) {
        Note draft = data.create(Map.of("id", 0L, "createdAt", Instant.EPOCH));
        return notes.add(draft.text())
                .orElseThrow(() -> new ConflictException("The app keeps no more notes (max-notes)"));
    }
}

package ${package};

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** The notes, in memory: swap this for a database (rigel-jpa) when the app grows. */
public final class Notes {

    private final Map<Long, Note> notes = new ConcurrentSkipListMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final int max;

    public Notes(int max) {
        this.max = max;
    }

    public List<Note> all() {
        return List.copyOf(notes.values());
    }

    public Optional<Note> find(long id) {
        return Optional.ofNullable(notes.get(id));
    }

    /** Adds a note, or returns empty when the app already keeps as many as it may. */
    public Optional<Note> add(String text) {
        if (notes.size() >= max) {
            return Optional.empty();
        }
        Note note = new Note(ids.incrementAndGet(), text, Instant.now());
        notes.put(note.id(), note);
        return Optional.of(note);
    }
}

package dev.parley.examples.guide;

import dev.parley.examples.guide.NotesApi.Note;
import dev.parley.examples.guide.NotesApi.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The guide's notes, in memory, oldest first; ids count from 1. Thread-safe: every method is
 * atomic. What the guide's handlers call; the guide does not show it.
 */
public final class NoteStore {
  /** The most notes {@link #page} returns: {@value}. */
  public static final int PAGE_SIZE = 20;

  private final Map<Long, Note> notes = new LinkedHashMap<>();
  private long lastId;

  /** Every note, oldest first. */
  public synchronized List<Note> all() {
    return List.copyOf(notes.values());
  }

  /** The note with this id, if there is one. */
  public synchronized Optional<Note> get(long id) {
    return Optional.ofNullable(notes.get(id));
  }

  /** Adds a note with the next id and returns it. */
  public synchronized Note add(String text, List<String> tags, String author) {
    Note note = new Note(++lastId, text, List.copyOf(tags), author);
    notes.put(note.id(), note);
    return note;
  }

  /** The first {@link #PAGE_SIZE} notes that {@code filter} picks, and how many it picks. */
  public synchronized Page<Note> page(Predicate<Note> filter) {
    List<Note> picked = new ArrayList<>();
    for (Note n : notes.values()) {
      if (filter.test(n)) {
        picked.add(n);
      }
    }
    return new Page<>(List.copyOf(picked.subList(0, Math.min(PAGE_SIZE, picked.size()))),
        picked.size());
  }

  /** Removes every note; ids go on counting. */
  public synchronized void clear() {
    notes.clear();
  }
}

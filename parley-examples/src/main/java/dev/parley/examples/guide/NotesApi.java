package dev.parley.examples.guide;

import dev.parley.Contract;
import dev.parley.Mutation;
import dev.parley.Parley;
import dev.parley.Query;
import dev.parley.Schema;
import dev.parley.Shared;
import dev.parley.TypeRef;
import dev.parley.Variant;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The contract of the guide's notes ({@code docs/guide/contracts.md}): its records, a
 * discriminated union, a generic output and the descriptors. The guide shows the regions between
 * the {@code guide:…-begin} and {@code guide:…-end} markers verbatim; {@code GuideSnippetsTest}
 * checks that it does.
 */
public final class NotesApi {
  private NotesApi() {}

  // guide:records-begin
  public record NewNote(
      @NotBlank @Size(max = 200) String text,
      @Size(max = 5) List<@NotBlank @Size(max = 20) String> tags) {}

  public record Note(long id, String text, List<String> tags, String author) {}

  public record NoteId(@Positive long id) {}
  // guide:records-end

  // guide:union-begin
  public sealed interface NoteFilter {
    @Variant("tagged")
    record Tagged(@NotBlank String tag) implements NoteFilter {}

    @Variant("containing")
    record Containing(@NotBlank @Size(max = 200) String text) implements NoteFilter {}
  }
  // guide:union-end

  // guide:generic-begin
  public record Page<T>(List<T> items, int total) {}
  // guide:generic-end

  // guide:descriptors-begin
  public static final Query<Shared, Void, List<Note>> LIST =
      Parley.query("notes.list").output(Schema.listOf(Note.class));
  public static final Query<Shared, NoteId, Note> GET =
      Parley.query("notes.get").input(NoteId.class).output(Note.class);
  public static final Query<Shared, NoteFilter, Page<Note>> FIND =
      Parley.query("notes.find").input(NoteFilter.class)
          .output(Schema.of(new TypeRef<Page<Note>>() {}));
  public static final Mutation<Shared, NewNote, Note> ADD =
      Parley.mutation("notes.add").input(NewNote.class).output(Note.class)
          .description("Adds a note written by the caller.");
  public static final Mutation<Shared, Void, Void> CLEAR = Parley.mutation("notes.clear");

  public static final Contract CONTRACT = Contract.of(LIST, GET, FIND, ADD, CLEAR);
  // guide:descriptors-end
}

package dev.parley.server;

import dev.parley.ClientEvent;
import dev.parley.ClientProcedure;
import dev.parley.Descriptor;
import dev.parley.Event;
import dev.parley.Parley;
import dev.parley.ParleyException;
import dev.parley.Shared;
import jakarta.validation.constraints.NotBlank;
import java.util.concurrent.CompletionException;

/**
 * The events and client procedures of the documented examples, beside {@link Fixture}'s
 * procedures: a client event {@code notes.post} whose handler pushes the note to everyone as
 * {@code notes.noted}, and a client event {@code askMe} whose handler calls the client procedure
 * {@code confirm} on the connection that fired it and pushes the answer back to it as {@code
 * notes.noted} (or the error's code when it failed).
 */
final class RealtimeFixture {
  record Note(@NotBlank String text) {}

  static final Event<Shared, Note> NOTED = Parley.event("notes.noted").payload(Note.class);
  static final ClientEvent<Shared, Note> POST = Parley.clientEvent("notes.post").payload(Note.class);
  static final ClientEvent<Shared, Note> ASK_ME = Parley.clientEvent("askMe").payload(Note.class);
  static final ClientProcedure<Shared, Note, Note> CONFIRM =
      Parley.clientProcedure("confirm").input(Note.class).output(Note.class);
  static final Descriptor<?>[] DESCRIPTORS = {NOTED, POST, ASK_ME, CONFIRM};

  private RealtimeFixture() {}

  static void install(ParleyServer<?> server) {
    server.on(POST, (ctx, from, note) ->
        server.emit(NOTED, Recipients.everyone().optional(), note));
    server.on(ASK_ME, (ctx, from, question) -> {
      Note answer;
      try {
        answer = server.call(from, CONFIRM, question).join();
      } catch (CompletionException e) {
        answer = new Note("failed: " + ((ParleyException) e.getCause()).code());
      }
      server.emit(NOTED, Recipients.connection(from).optional(), answer);
    });
  }
}

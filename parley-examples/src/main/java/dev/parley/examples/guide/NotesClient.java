package dev.parley.examples.guide;

import dev.parley.ErrorCode;
import dev.parley.Role;
import dev.parley.Shared;
import dev.parley.client.ClientOptions;
import dev.parley.client.MutationResult;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyClientException;
import dev.parley.examples.guide.NotesApi.NewNote;
import dev.parley.examples.guide.NotesApi.Note;
import dev.parley.examples.guide.NotesApi.NoteFilter;
import dev.parley.examples.guide.NotesApi.NoteId;
import dev.parley.examples.guide.NotesApi.Page;
import dev.parley.server.Identity;
import dev.parley.server.ParleyServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The Java client of the guide's notes ({@code docs/guide/client.md}): links, calls, batching,
 * timeouts and errors. The guide shows the regions between the {@code guide:…-begin} and {@code
 * guide:…-end} markers verbatim.
 */
public final class NotesClient {
  private NotesClient() {}

  // guide:connect-begin
  public static ParleyClient<Shared> connect(URI base, String token) {
    return ParleyClient.http(base, NotesApi.CONTRACT, ClientOptions.builder()
        .header("authorization", "Bearer " + token)
        .build());
  }
  // guide:connect-end

  // guide:in-process-begin
  static ParleyClient<Shared> inProcessAs(ParleyServer<?> server, String user) {
    return ParleyClient.inProcess(server.invoker(Identity.of(Role.SHARED, user)));
  }
  // guide:in-process-end

  // guide:calls-begin
  static Page<Note> addAndFind(ParleyClient<Shared> client) {
    Note milk = client.mutate(NotesApi.ADD, new NewNote("buy milk", List.of("home")));
    Note again = client.query(NotesApi.GET, new NoteId(milk.id()));    // equal to milk
    List<Note> all = client.query(NotesApi.LIST);                     // no input: [milk]
    return client.query(NotesApi.FIND, new NoteFilter.Tagged("home")); // items [milk], total 1
  }
  // guide:calls-end

  // guide:resources-begin
  static Set<String> changedBy(ParleyClient<Shared> client, NewNote note) {
    MutationResult<Note> result = client.mutateForResult(NotesApi.ADD, note);
    return result.resources(); // e.g. [note/2, notes]
  }
  // guide:resources-end

  // guide:batching-begin
  static List<Note> getAll(ParleyClient<Shared> client, List<Long> ids) {
    List<CompletableFuture<Note>> calls = ids.stream()
        .map(id -> client.queryAsync(NotesApi.GET, new NoteId(id)))
        .toList();
    return calls.stream().map(CompletableFuture::join).toList();
  }
  // guide:batching-end

  // guide:options-begin
  static ParleyClient<Shared> tuned(URI base) {
    return ParleyClient.http(base, NotesApi.CONTRACT, ClientOptions.builder()
        .timeout(Duration.ofSeconds(5))  // default 30 s, per call
        .maxConcurrentRequests(2)        // default 6; calls beyond wait and leave as one batch
        .streamBatches(true)             // default false; each call of a batch ends on its own
        .build());
  }
  // guide:options-end

  // guide:timeout-begin
  static List<Note> listOrNothing(ParleyClient<Shared> client) {
    try {
      return client.withTimeout(Duration.ofMillis(200)).query(NotesApi.LIST);
    } catch (ParleyClientException e) {
      if (e.code() == ErrorCode.TIMEOUT) {
        return List.of(); // the server stops the handler at the same deadline
      }
      throw e;
    }
  }
  // guide:timeout-end

  // guide:errors-begin
  static String addOrExplain(ParleyClient<Shared> client, NewNote note) {
    try {
      return "added #" + client.mutate(NotesApi.ADD, note).id();
    } catch (ParleyClientException e) {
      return switch (e.code()) {
        case BAD_REQUEST -> "fix " + e.issues();          // [text: must not be blank]
        case UNAUTHORIZED -> "sign in first";
        case TOO_MANY_REQUESTS ->
            "wait " + e.retryAfter().orElse(Duration.ofSeconds(1)).toSeconds() + " s";
        case TIMEOUT, SERVICE_UNAVAILABLE -> "try again later";
        default -> throw e;
      };
    }
  }
  // guide:errors-end
}

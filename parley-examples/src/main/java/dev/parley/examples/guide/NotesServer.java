package dev.parley.examples.guide;

import dev.parley.ErrorCode;
import dev.parley.Invoker;
import dev.parley.Kind;
import dev.parley.ParleyException;
import dev.parley.Role;
import dev.parley.examples.guide.NotesApi.NewNote;
import dev.parley.examples.guide.NotesApi.Note;
import dev.parley.examples.guide.NotesApi.NoteFilter;
import dev.parley.jetty.JettyTransport;
import dev.parley.server.CallListener;
import dev.parley.server.Guard;
import dev.parley.server.Identity;
import dev.parley.server.Middleware;
import dev.parley.server.Narrowing;
import dev.parley.server.ParleyRequest;
import dev.parley.server.ParleyServer;
import dev.parley.server.Procedures;
import dev.parley.server.RateLimit;
import dev.parley.server.ServerOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The server of the guide's notes ({@code docs/guide/server.md}): authentication, a context,
 * middleware on procedure bases, a call listener, options, in-process calls and Jetty. The guide
 * shows the regions between the {@code guide:…-begin} and {@code guide:…-end} markers verbatim.
 */
public final class NotesServer {
  private NotesServer() {}

  // guide:context-begin
  public record Ctx(Optional<String> user) {}

  public record SignedIn(String user) {}
  // guide:context-end

  // guide:authenticate-begin
  static final Map<String, String> USERS_BY_TOKEN = Map.of("t-ada", "ada", "t-bob", "bob");

  static Identity<String> identify(ParleyRequest request) {
    Optional<String> token =
        request.header("authorization").map(h -> h.replaceFirst("^Bearer ", ""));
    if (token.isEmpty()) {
      return Identity.anonymous(); // no credentials: an anonymous caller
    }
    String user = USERS_BY_TOKEN.get(token.get());
    if (user == null) {
      throw new ParleyException(ErrorCode.UNAUTHORIZED, "Unknown token");
    }
    return Identity.of(Role.SHARED, user);
  }
  // guide:authenticate-end

  // guide:options-begin
  static final ServerOptions OPTIONS = ServerOptions.builder()
      .requestTimeout(Duration.ofSeconds(10)) // default 30 s; Duration.ZERO for no limit
      .maxBodyBytes(64 * 1024)                // default 1 MiB
      .build();
  // guide:options-end

  /** The notes server over {@code store}, writable, logging nowhere. */
  public static ParleyServer<Ctx> create(NoteStore store) {
    return create(store, new AtomicBoolean(), line -> {});
  }

  /**
   * The notes server over {@code store}: mutations are refused while {@code readOnly} is set, and
   * every call is written to {@code log} as one line.
   */
  public static ParleyServer<Ctx> create(
      NoteStore store, AtomicBoolean readOnly, Consumer<String> log) {
    // guide:build-begin
    ParleyServer<Ctx> server = ParleyServer.builder(NotesApi.CONTRACT)
        .authenticate(NotesServer::identify)                                // who is calling
        .context((request, identity) -> new Ctx(identity.principalIfAny())) // what handlers get
        .use(maintenance(readOnly))                                         // around every call
        .listener(accessLog(log))                                           // sees every call
        .options(OPTIONS)
        .build();
    // guide:build-end

    // guide:handlers-begin
    server.implement(NotesApi.LIST, (ctx, in) -> store.all());
    server.implement(NotesApi.GET, (ctx, in) -> store.get(in.id())
        .orElseThrow(() -> new ParleyException(ErrorCode.NOT_FOUND, "No note " + in.id())));
    server.implement(NotesApi.FIND, (ctx, filter) -> switch (filter) {
      case NoteFilter.Tagged t -> store.page(note -> note.tags().contains(t.tag()));
      case NoteFilter.Containing c -> store.page(note -> note.text().contains(c.text()));
    });
    // guide:handlers-end

    // guide:bases-begin
    Narrowing<Ctx, SignedIn> signedIn = (ctx, call) -> ctx.user()
        .map(SignedIn::new)
        .orElseThrow(() -> new ParleyException(ErrorCode.UNAUTHORIZED, "Sign in first"));
    Guard<SignedIn> onlyAda = (ctx, call) -> ctx.user().equals("ada");

    Procedures<SignedIn> members = server.procedures().narrow(signedIn);
    Procedures<SignedIn> admins = members.guard(onlyAda);

    members.use(RateLimit.of(10, Duration.ofMinutes(1))) // 10 notes a minute per user
        .implement(NotesApi.ADD, (ctx, in) -> store.add(in.text(), in.tags(), ctx.user()))
        .resources((ctx, in, out) -> Set.of("notes", "note/" + out.id()));
    admins.implement(NotesApi.CLEAR, (ctx, in) -> {
          store.clear();
          return null;
        })
        .resources((ctx, in, out) -> Set.of("notes"));
    // guide:bases-end
    return server;
  }

  // guide:middleware-begin
  static Middleware<Ctx, Ctx> maintenance(AtomicBoolean readOnly) {
    return (ctx, call, next) -> {
      if (readOnly.get() && call.descriptor().kind() == Kind.MUTATION) {
        throw new ParleyException(ErrorCode.SERVICE_UNAVAILABLE, "Read-only for maintenance");
      }
      return next.proceed(ctx); // the rest of the chain, then the handler
    };
  }
  // guide:middleware-end

  // guide:listener-begin
  static CallListener accessLog(Consumer<String> log) {
    return record -> log.accept(record.transport() + " " + record.name() + " "
        + record.error().map(e -> e.code().name()).orElse("OK")
        + " " + record.duration().toMillis() + " ms");
  }
  // guide:listener-end

  // guide:invoker-begin
  static Note addAsAda(ParleyServer<Ctx> server, NewNote note) {
    Invoker ada = server.invoker(Identity.of(Role.SHARED, "ada"));
    return ada.invoke(NotesApi.ADD, note, Duration.ofSeconds(2)); // ZERO: the server's timeout
  }
  // guide:invoker-end

  // guide:serve-begin
  public static JettyTransport serve(ParleyServer<?> server, int port) {
    return JettyTransport.builder(server)
        .host("127.0.0.1")                    // default 0.0.0.0, every interface
        .port(port)                           // 0 picks a free port
        .basePath("/api")                     // default /parley
        .shutdownGrace(Duration.ofSeconds(5)) // default 10 s
        .start();                             // refuses to start while a procedure is missing
  }
  // guide:serve-end
}

package dev.parley.jetty;

import dev.parley.Contract;
import dev.parley.ErrorCode;
import dev.parley.Mutation;
import dev.parley.Parley;
import dev.parley.ParleyException;
import dev.parley.Query;
import dev.parley.Role;
import dev.parley.Shared;
import dev.parley.Subscription;
import dev.parley.server.Identity;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerOptions;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A contract with queries, a mutation and subscriptions, and its server, for the WebSocket tests:
 * callers authenticate with {@code Authorization: Bearer <name>} or the connection parameter
 * {@code token}; the name {@code bad} is refused, any other is a member.
 */
final class SocketApi {
  interface Member extends Shared {}

  static final Role<Member> MEMBER = Role.of("member", Member.class);

  record Count(@Min(1) @Max(1000) int count) {}

  record Tick(long n) {}

  record Blob(String text) {}

  record NewTodo(@NotBlank String text) {}

  record Todo(long id, String text) {}

  static final Query<Shared, Void, String> WHO = Parley.query("who").output(String.class);
  static final Mutation<Shared, NewTodo, Todo> ADD =
      Parley.mutation("todos.add").input(NewTodo.class).output(Todo.class);
  static final Mutation<Shared, Void, Void> PING = Parley.mutation("ping");
  /** Waits for {@link #release}; its deadline is the server's request timeout. */
  static final Query<Shared, Void, String> SLOW = Parley.query("slow").output(String.class);
  /** Emits {@code count} ticks tracked by their number, after the last event id if resumed. */
  static final Subscription<Shared, Count, Tick> TICKS =
      Parley.subscription("ticks").input(Count.class).output(Tick.class);
  /** Emits a tick every 20 ms until cancelled. */
  static final Subscription<Shared, Void, Tick> FOREVER =
      Parley.subscription("forever").output(Tick.class);
  static final Query<Shared, Void, Integer> ACTIVE =
      Parley.query("forever.active").output(Integer.class);
  /** Emits 1 KiB values as fast as the connection takes them, until cancelled. */
  static final Subscription<Shared, Void, Blob> FIREHOSE =
      Parley.subscription("firehose").output(Blob.class);
  /** Emits one tick, then fails with {@code CONFLICT}. */
  static final Subscription<Shared, Void, Tick> FAILS =
      Parley.subscription("fails").output(Tick.class);
  static final Subscription<Member, Count, Tick> SECRET =
      Parley.subscription("secret").role(MEMBER).input(Count.class).output(Tick.class);

  static final Contract CONTRACT =
      Contract.of(WHO, ADD, PING, SLOW, TICKS, FOREVER, ACTIVE, FIREHOSE, FAILS, SECRET);

  final AtomicInteger live = new AtomicInteger();
  final AtomicInteger cancelled = new AtomicInteger();
  final AtomicLong firehoseSent = new AtomicLong();
  final AtomicInteger secretInputs = new AtomicInteger();
  final CountDownLatch release = new CountDownLatch(1);
  /** Opens when a {@link #SLOW} query is running. */
  final CountDownLatch slowEntered = new CountDownLatch(1);
  final ParleyServer<Identity<String>> server;

  SocketApi(ServerOptions options) {
    server = ParleyServer.builder(CONTRACT)
        .authenticate(request -> {
          Optional<String> name = request.connectionParam("token").or(request::bearerToken);
          if (name.isEmpty()) {
            return Identity.<String>anonymous();
          }
          if (name.get().equals("bad")) {
            throw new ParleyException(ErrorCode.UNAUTHORIZED, "Unknown token");
          }
          return Identity.of(MEMBER, name.get());
        })
        .options(options)
        .build();
    server.implement(WHO, (ctx, in) -> ctx.principalIfAny().orElse("anonymous"));
    AtomicLong ids = new AtomicLong();
    server.implement(ADD, (ctx, in) -> new Todo(ids.incrementAndGet(), in.text()))
        .resources((ctx, in, out) -> Set.of("todos", "todo/" + out.id()));
    server.implement(PING, (ctx, in) -> null);
    server.implement(SLOW, (ctx, in) -> {
      slowEntered.countDown();
      return release.await(30, TimeUnit.SECONDS) ? "released" : "late";
    });
    server.implement(TICKS, (ctx, in, sink) -> {
      long from = sink.lastEventId().map(id -> Long.parseLong(id) + 1).orElse(0L);
      for (long n = from; n < in.count(); n++) {
        sink.next(Long.toString(n), new Tick(n));
      }
    });
    server.implement(FOREVER, (ctx, in, sink) -> {
      live.incrementAndGet();
      try {
        for (long n = 0; ; n++) {
          sink.next(new Tick(n));
          Thread.sleep(20);
        }
      } catch (InterruptedException | java.util.concurrent.CancellationException e) {
        cancelled.incrementAndGet();
      } finally {
        live.decrementAndGet();
      }
    });
    server.implement(ACTIVE, (ctx, in) -> live.get());
    String kib = "x".repeat(1024);
    server.implement(FIREHOSE, (ctx, in, sink) -> {
      live.incrementAndGet();
      try {
        while (true) {
          sink.next(new Blob(kib));
          firehoseSent.incrementAndGet();
        }
      } catch (java.util.concurrent.CancellationException e) {
        cancelled.incrementAndGet();
      } finally {
        live.decrementAndGet();
      }
    });
    server.implement(FAILS, (ctx, in, sink) -> {
      sink.next(new Tick(1));
      throw new ParleyException(ErrorCode.CONFLICT, "It failed");
    });
    server.implement(SECRET, (ctx, in, sink) -> {
      secretInputs.incrementAndGet();
      sink.next(new Tick(in.count()));
    });
  }

  SocketApi() {
    this(ServerOptions.defaults());
  }

  JettyTransport start() {
    return JettyTransport.builder(server).host("127.0.0.1").start();
  }

  /** Waits up to 10 s until {@link #live} is {@code n}. */
  boolean liveBecomes(int n) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (live.get() != n && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    return live.get() == n;
  }
}

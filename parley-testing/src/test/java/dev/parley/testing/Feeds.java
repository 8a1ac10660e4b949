package dev.parley.testing;

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
import dev.parley.server.ReplayWindow;
import dev.parley.server.ServerOptions;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A contract of subscriptions and the state behind them, kept apart from any one server so that a
 * test can stop a server and start another on the same state (a replay window that outlives the
 * transport, as a broker's would).
 */
final class Feeds {
  interface Member extends Shared {}

  static final Role<Member> MEMBER = Role.of("member", Member.class);

  record Count(@Min(1) @Max(1000) int count) {}

  record Tick(long n) {}

  /**
   * Where {@link #FEED} starts: after {@code lastEventId}, or at the oldest value the window holds
   * when it holds no such id (so a test that subscribes with an id never published misses nothing,
   * whenever its handler starts following).
   */
  record Since(@Nullable String lastEventId) {}

  /** {@code count} ticks tracked by {@code String(n)}, then completes. */
  static final Subscription<Shared, Count, Tick> TICKS =
      Parley.subscription("ticks").input(Count.class).output(Tick.class);
  /** One tick, then CONFLICT. */
  static final Subscription<Shared, Void, Tick> FAILS =
      Parley.subscription("fails").output(Tick.class);
  /** For members only: one greeting, then completes. */
  static final Subscription<Member, Void, String> SECRET =
      Parley.subscription("secret").role(MEMBER).output(String.class);
  /** A tick every 20 ms until cancelled; counted in {@link #live}. */
  static final Subscription<Shared, Void, Tick> FOREVER =
      Parley.subscription("forever").output(Tick.class);
  /** How many {@link #FOREVER} handlers run. */
  static final Query<Shared, Void, Integer> ACTIVE =
      Parley.query("forever.active").output(Integer.class);
  /** Follows {@link #window}, resuming after the last event id. */
  static final Subscription<Shared, Since, Tick> FEED =
      Parley.subscription("feed").input(Since.class).output(Tick.class);
  /** The input of a {@link #FEED} that misses nothing the window holds. */
  static final Since FROM_THE_START = new Since("start");
  /** Publishes {@code n} to {@link #window} as id {@code String(n)}; answers it. */
  static final Mutation<Shared, Long, Long> PUBLISH =
      Parley.mutation("feed.publish").input(Long.class).output(Long.class);
  /** Answers its input. */
  static final Query<Shared, String, String> ECHO =
      Parley.query("echo").input(String.class).output(String.class);

  /** Answers its count, which must be 1 to 1000. */
  static final Query<Shared, Count, Integer> COUNTED =
      Parley.query("counted").input(Count.class).output(Integer.class);
  /** Answers "released" once {@link #release} opens; counts down {@link #waiting} first. */
  static final Query<Shared, Void, String> WAIT = Parley.query("wait").output(String.class);

  static final Contract CONTRACT =
      Contract.of(TICKS, FAILS, SECRET, FOREVER, ACTIVE, FEED, PUBLISH, ECHO, COUNTED, WAIT);

  /** The token of a member, as a bearer token or the connection parameter {@code token}. */
  static final String MEMBER_TOKEN = "ada";
  /** A token the authenticator refuses with UNAUTHORIZED. */
  static final String REFUSED_TOKEN = "mallory";

  final ReplayWindow<Tick> window = new ReplayWindow<>(1000);
  final AtomicInteger live = new AtomicInteger();
  final CountDownLatch waiting = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);

  /** Publishes ticks {@code from} to {@code to}, inclusive. */
  void publish(long from, long to) {
    for (long n = from; n <= to; n++) {
      window.publish(Long.toString(n), new Tick(n));
    }
  }

  /** A server of {@link #CONTRACT} on this state, with the default keep-alive. */
  ParleyServer<Identity<String>> server() {
    return server(ServerOptions.defaults().keepAlive());
  }

  /** A server of {@link #CONTRACT} on this state whose streams ping every {@code keepAlive}. */
  ParleyServer<Identity<String>> server(Duration keepAlive) {
    ParleyServer<Identity<String>> server = ParleyServer.builder(CONTRACT)
        .authenticate(request -> {
          String token = request.bearerToken().or(() -> request.connectionParam("token"))
              .orElse(null);
          if (REFUSED_TOKEN.equals(token)) {
            throw new ParleyException(ErrorCode.UNAUTHORIZED, "this token is refused");
          }
          return MEMBER_TOKEN.equals(token) ? Identity.of(MEMBER, "ada")
              : Identity.<String>anonymous();
        })
        .options(ServerOptions.builder().keepAlive(keepAlive).build())
        .build();
    server.implement(TICKS, (ctx, in, sink) -> {
      for (int n = 0; n < in.count(); n++) {
        sink.next(Integer.toString(n), new Tick(n));
      }
    });
    server.implement(FAILS, (ctx, in, sink) -> {
      sink.next(new Tick(1));
      throw new ParleyException(ErrorCode.CONFLICT, "the feed broke");
    });
    server.implement(SECRET, (ctx, in, sink) -> sink.next("for " + ctx.principalIfAny().orElse("?")));
    server.implement(FOREVER, (ctx, in, sink) -> {
      live.incrementAndGet();
      try {
        for (long n = 0; ; n++) {
          sink.next(new Tick(n));
          Thread.sleep(20);
        }
      } finally {
        live.decrementAndGet();
      }
    });
    server.implement(ACTIVE, (ctx, in) -> live.get());
    server.implement(FEED, (ctx, in, sink) -> window.follow(sink));
    server.implement(PUBLISH, (ctx, in) -> {
      publish(in, in);
      return in;
    });
    server.implement(ECHO, (ctx, in) -> in);
    server.implement(COUNTED, (ctx, in) -> in.count());
    server.implement(WAIT, (ctx, in) -> {
      waiting.countDown();
      release.await();
      return "released";
    });
    return server;
  }
}

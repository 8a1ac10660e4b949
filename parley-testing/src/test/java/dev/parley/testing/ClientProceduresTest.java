package dev.parley.testing;

import static dev.parley.testing.SubscribeTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.client.ParleyClient;
import dev.parley.client.Registration;
import dev.parley.server.Connection;
import dev.parley.server.Identity;
import dev.parley.server.ParleyServer;
import dev.parley.testing.Plaza.Answer;
import dev.parley.testing.Plaza.Note;
import dev.parley.testing.Plaza.Question;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Client procedures and client events through the real server and the Java client: answered,
 * missing, timed out, failed by the client, registered again after a reconnect; a client event
 * handled, and a bad one dropped.
 */
class ClientProceduresTest {
  private final ParleyServer<Identity<String>> server = Plaza.server();
  private final List<Connection<?>> connected = new CopyOnWriteArrayList<>();
  private final TestServer test;
  private final ParleyClient<Plaza.User> user;

  ClientProceduresTest() {
    server.onConnect(connected::add);
    test = ParleyTest.http(server);
    user = Plaza.client(test, Plaza.USER, "user:u");
  }

  @AfterEach
  void close() {
    test.close();
  }

  private Connection<Plaza.User> registered(int connections) {
    eventually(() -> connected.size() == connections
        && connected.get(connections - 1).implementsProcedure(Plaza.CONFIRM));
    return connected.get(connections - 1).as(Plaza.USER).orElseThrow();
  }

  @Test
  void theServerGetsTheClientsTypedAnswer() throws Exception {
    user.register(Plaza.CONFIRM, q -> new Answer("yes to " + q.text()));
    Connection<Plaza.User> conn = registered(1);
    assertThat(server.call(conn, Plaza.CONFIRM, new Question("tea?")).get(5, TimeUnit.SECONDS))
        .isEqualTo(new Answer("yes to tea?"));
  }

  @Test
  void aProcedureTheClientDidNotRegisterIsNotFound() throws Exception {
    user.register(Plaza.CONFIRM, q -> new Answer("y"));
    Connection<Plaza.User> conn = registered(1);
    assertThatThrownBy(() -> server.call(conn, Plaza.ASK, new Question("?")).get(5, TimeUnit.SECONDS))
        .cause().isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void aProcedureTakenBackIsAnsweredNotFoundByTheClient() throws Exception {
    Registration r = user.register(Plaza.CONFIRM, q -> new Answer("y"));
    Connection<Plaza.User> conn = registered(1);
    r.close();
    assertThatThrownBy(() -> server.call(conn, Plaza.CONFIRM, new Question("?")).get(5, TimeUnit.SECONDS))
        .cause().isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void aCallNotAnsweredByTheDeadlineTimesOutAndIsFreed() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    user.register(Plaza.CONFIRM, q -> {
      release.await();
      return new Answer("late");
    });
    Connection<Plaza.User> conn = registered(1);
    assertThatThrownBy(() -> server.call(conn, Plaza.CONFIRM, new Question("?"), Duration.ofMillis(200))
        .get(5, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
    release.countDown();
    user.query(Plaza.PING); // the late answer was read (and refused) before this round trip ends
    assertThat(conn.isOpen()).isTrue();
  }

  @Test
  void anErrorTheClientThrewReachesTheServerTypedWithoutLeakingOthers() throws Exception {
    user.register(Plaza.CONFIRM, q -> {
      if (q.text().equals("forbidden")) {
        throw new ParleyException(ErrorCode.FORBIDDEN, "not you");
      }
      throw new IllegalStateException("secret detail");
    });
    Connection<Plaza.User> conn = registered(1);
    assertThatThrownBy(() -> server.call(conn, Plaza.CONFIRM, new Question("forbidden"))
        .get(5, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(ParleyException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
          assertThat(e.getMessage()).isEqualTo("not you");
        });
    assertThatThrownBy(() -> server.call(conn, Plaza.CONFIRM, new Question("other"))
        .get(5, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(ParleyException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR);
          assertThat(e.getMessage()).doesNotContain("secret");
        });
  }

  @Test
  void anInvalidOutputOfTheClientIsNotSentAndFailsTheCall() throws Exception {
    user.register(Plaza.CONFIRM, q -> new Answer(""));
    Connection<Plaza.User> conn = registered(1);
    assertThatThrownBy(() -> server.call(conn, Plaza.CONFIRM, new Question("?"))
        .get(5, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR));
  }

  @Test
  void afterAReconnectTheClientRegistersAgain() throws Exception {
    user.register(Plaza.CONFIRM, q -> new Answer("again"));
    Connection<Plaza.User> first = registered(1);
    server.revoke(id -> "u".equals(id.principal()));
    Connection<Plaza.User> second = registered(2);
    assertThat(second).isNotEqualTo(first);
    assertThat(first.isOpen()).isFalse();
    assertThat(server.call(second, Plaza.CONFIRM, new Question("?")).get(5, TimeUnit.SECONDS))
        .isEqualTo(new Answer("again"));
  }

  @Test
  void aClientEventRunsTheServersHandlerAndABadOneIsDroppedAndCounted() throws Exception {
    List<String> typed = new CopyOnWriteArrayList<>();
    AtomicInteger from = new AtomicInteger();
    server.on(Plaza.TYPING, (ctx, conn, note) -> {
      typed.add(note.text());
      from.set(conn.identity().principal().equals("u") ? 1 : -1);
    });
    eventually(() -> user.emit(Plaza.TYPING, new Note("hm")));
    eventually(() -> typed.size() == 1);
    assertThat(typed).containsExactly("hm");
    assertThat(from).hasValue(1);
    assertThat(server.clientEventsDropped()).isZero();
    assertThatThrownBy(() -> user.emit(Plaza.TYPING, new Note("")))
        .as("the client checks the payload too").isInstanceOf(IllegalArgumentException.class);
    assertThat(server.clientEventsDropped()).isZero();
    user.query(Plaza.PING);
    assertThat(typed).containsExactly("hm");
  }

  @Test
  void anotherRolesClientEventIsDroppedByTheServer() throws Exception {
    List<String> typed = new CopyOnWriteArrayList<>();
    server.on(Plaza.AGENT_TYPING, (ctx, conn, note) -> typed.add(note.text()));
    ParleyClient<Plaza.Agent> forged = Plaza.client(test, Plaza.AGENT, "user:mallory");
    eventually(() -> forged.emit(Plaza.AGENT_TYPING, new Note("psst")));
    eventually(() -> server.clientEventsDropped() == 1);
    forged.query(Plaza.PING);
    assertThat(typed).isEmpty();
  }
}

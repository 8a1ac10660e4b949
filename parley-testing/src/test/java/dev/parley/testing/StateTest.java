package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Contract;
import dev.parley.ErrorCode;
import dev.parley.Parley;
import dev.parley.Role;
import dev.parley.Shared;
import dev.parley.State;
import dev.parley.client.ClientOptions;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyClientException;
import dev.parley.client.StateObservation;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerOptions;
import dev.parley.server.SharedState;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Shared state through the real server and transport with Java WebSocket clients: observers get
 * every change in order, a late joiner the current value first; a client sets only a
 * client-writable state, with a value that fits; a state of another role is not found.
 */
class StateTest {
  interface Admin extends Shared {}

  static final Role<Admin> ADMIN = Role.of("admin", Admin.class);

  record Count(@Min(0) long value) {}

  record Note(@NotBlank String text) {}

  static final State<Shared, Count> COUNTER = Parley.state("counter").value(Count.class);
  static final State<Shared, Note> NOTE = Parley.state("note").value(Note.class).clientWritable();
  static final State<Admin, Count> SECRET = Parley.state("secret").role(ADMIN).value(Count.class);
  static final Contract CONTRACT = Contract.of(COUNTER, NOTE, SECRET);
  private static final ClientOptions FAST = SubscribeTest.FAST_RECONNECT; // pings find a lost connection

  private final ParleyServer<?> server =
      ParleyServer.builder(CONTRACT).options(ServerOptions.defaults()).build();
  private final TestServer test = ParleyTest.http(server);
  private final SharedState<Count> counter = server.state(COUNTER);
  private final BlockingQueue<Object> errors = new LinkedBlockingQueue<>();

  @AfterEach
  void close() {
    test.close();
  }

  private ParleyClient<Shared> client() {
    return test.websocket(Role.SHARED, FAST);
  }

  private static <T> T next(BlockingQueue<T> heard) throws InterruptedException {
    T v = heard.poll(10, TimeUnit.SECONDS);
    assertThat(v).as("a value within 10 s").isNotNull();
    return v;
  }

  @Test
  void observersGetEveryChangeInOrderAndALateJoinerTheCurrentValueFirst() throws Exception {
    BlockingQueue<Count> early = new LinkedBlockingQueue<>();
    client().observe(COUNTER, early::add, errors::add);
    assertThat(counter.set(new Count(1))).isEqualTo(1);
    for (int i = 0; i < 5; i++) {
      counter.update(c -> new Count(c.value() + 1));
    }
    assertThat(counter.get()).contains(new Count(6));

    BlockingQueue<Count> late = new LinkedBlockingQueue<>();
    StateObservation lateOne = client().observe(COUNTER, late::add, errors::add);
    assertThat(next(late)).isEqualTo(new Count(6));
    counter.update(c -> new Count(c.value() + 1));

    for (long v = 1; v <= 7; v++) {
      assertThat(next(early)).isEqualTo(new Count(v));
    }
    assertThat(next(late)).isEqualTo(new Count(7));
    lateOne.close();
    counter.set(new Count(8));
    assertThat(next(early)).isEqualTo(new Count(8));
    assertThat(late.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aValueThatDoesNotFitNeverLeavesAndChangesNothing() throws Exception {
    counter.set(new Count(3));
    assertThatThrownBy(() -> counter.set(new Count(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("counter");
    assertThat(counter.get()).contains(new Count(3));
    BlockingQueue<Count> heard = new LinkedBlockingQueue<>();
    client().observe(COUNTER, heard::add, errors::add);
    assertThat(next(heard)).isEqualTo(new Count(3));
  }

  @Test
  void aClientSetsAClientWritableStateAndEveryObserverSeesIt() throws Exception {
    BlockingQueue<Note> heard = new LinkedBlockingQueue<>();
    client().observe(NOTE, heard::add, errors::add);
    ParleyClient<Shared> writer = client();
    writer.observe(COUNTER, c -> {}, errors::add); // says hello and opens the connection
    assertThat(writer.set(NOTE, new Note("buy milk"))).isEqualTo(1);
    assertThat(next(heard)).isEqualTo(new Note("buy milk"));
    assertThat(server.state(NOTE).get()).contains(new Note("buy milk"));
  }

  @Test
  void aClientCannotSetAServerOnlyStateNorAValueThatDoesNotFit() {
    ParleyClient<Shared> client = client();
    client.observe(NOTE, n -> {}, errors::add);
    assertThatThrownBy(() -> client.set(COUNTER, new Count(5)))
        .isInstanceOfSatisfying(ParleyClientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    assertThatThrownBy(() -> client.set(NOTE, new Note("")))
        .isInstanceOfSatisfying(ParleyClientException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
          assertThat(e.issues()).isNotEmpty();
        });
    assertThat(counter.get()).isEmpty();
    assertThat(server.state(NOTE).get()).isEmpty();
  }

  @Test
  void aStateOfAnotherRoleIsNotFound() {
    ParleyClient<Admin> pretender = test.websocket(ADMIN, FAST);
    assertThatThrownBy(() -> pretender.observe(SECRET, c -> {}, errors::add))
        .isInstanceOfSatisfying(ParleyClientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThat(List.copyOf(errors)).isEmpty();
  }
}

package dev.parley.client;

import static dev.parley.client.TestApi.ADD;
import static dev.parley.client.TestApi.ECHO;
import static dev.parley.client.TestApi.NOTHING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.ErrorCode;
import dev.parley.Invoker;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.Subscription;
import dev.parley.SubscriptionListener;
import dev.parley.Unary;
import dev.parley.Shared;
import dev.parley.client.TestApi.NewTodo;
import dev.parley.client.TestApi.Todo;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The in-process link over a tiny {@link Invoker} written here: a direct call, errors mapped. */
class InProcessClientTest {
  private final List<Duration> timeouts = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  /**
   * Echoes, adds todos (declaring the resources {@code todos} and {@code todo/7}), and fails {@code
   * echo("bad")} like a server's validation would.
   */
  private final Invoker invoker = new Invoker() {
    @Override
    @SuppressWarnings("unchecked")
    public <I, O> Result<O> call(Unary<?, I, O> procedure, I input, Duration timeout) {
      timeouts.add(timeout);
      threads.add(Thread.currentThread());
      if ("bad".equals(input)) {
        throw new ParleyException(ErrorCode.BAD_REQUEST, "input is invalid",
            List.of(new Issue("", "must not be bad")), "why", null);
      }
      if ("boom".equals(input)) {
        throw new IllegalStateException("not a ParleyException");
      }
      if ("slow".equals(input)) {
        throw ParleyException.tooManyRequests("slow down", Duration.ofSeconds(28));
      }
      return switch (procedure.name()) {
        case "todos.add" -> new Result<>((O) new Todo(7, ((NewTodo) input).text()),
            Set.of("todos", "todo/7"));
        case "nothing" -> new Result<>(null, Set.of());
        default -> new Result<>((O) input, Set.of());
      };
    }

    @Override
    public <I, O> Stream subscribe(Subscription<?, I, O> subscription, I input,
        String lastEventId, SubscriptionListener<O> listener) {
      throw new UnsupportedOperationException("no subscriptions here");
    }
  };

  private final ParleyClient<Shared> client = ParleyClient.inProcess(invoker);

  @Test
  void callsTheInvokerDirectlyOnTheCallersThread() {
    assertThat(client.query(ECHO, "hi")).isEqualTo("hi");
    assertThat(client.query(NOTHING)).isNull();
    assertThat(client.mutate(ADD, new NewTodo("milk"))).isEqualTo(new Todo(7, "milk"));
    assertThat(threads).containsOnly(Thread.currentThread());
  }

  @Test
  void passesTheTimeoutZeroMeaningTheServersDefault() {
    client.query(ECHO, "a");
    client.withTimeout(Duration.ofSeconds(3)).query(ECHO, "b");

    assertThat(timeouts).containsExactly(Duration.ZERO, Duration.ofSeconds(3));
  }

  @Test
  void mapsServerExceptionWithStatusZeroAndCause() {
    ParleyClientException e =
        catchThrowableOfType(ParleyClientException.class, () -> client.query(ECHO, "bad"));

    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(e.httpStatus()).isZero();
    assertThat(e.issues()).containsExactly(new Issue("", "must not be bad"));
    assertThat(e.data(String.class)).contains("why");
    assertThat(e.getCause()).isInstanceOf(ParleyException.class);
  }

  @Test
  void mapsUnexpectedInvokerFailureToInternalServerError() {
    ParleyClientException e =
        catchThrowableOfType(ParleyClientException.class, () -> client.query(ECHO, "boom"));

    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR);
    assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void asyncCallsRunOnAVirtualThread() {
    assertThat(client.queryAsync(ECHO, "later").join()).isEqualTo("later");
    assertThat(client.mutateAsync(ADD, new NewTodo("x")).join().id()).isEqualTo(7);
    assertThat(threads).allMatch(Thread::isVirtual);
    assertThat(BatchingTest.failure(client.queryAsync(ECHO, "bad")).code())
        .isEqualTo(ErrorCode.BAD_REQUEST);
  }

  @Test
  void mutationResultCarriesTheInvokersResourcesInProcess() {
    MutationResult<Todo> r = client.mutateForResult(ADD, new NewTodo("m"));

    assertThat(r.value()).isEqualTo(new Todo(7, "m"));
    assertThat(r.resources()).containsExactlyInAnyOrder("todos", "todo/7");
    assertThat(client.mutateForResultAsync(ADD, new NewTodo("n")).join().resources())
        .containsExactlyInAnyOrder("todos", "todo/7");
  }

  @Test
  void keepsTheServersRetryAfterInProcess() {
    ParleyClientException e =
        catchThrowableOfType(ParleyClientException.class, () -> client.query(ECHO, "slow"));

    assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
    assertThat(e.retryAfter()).contains(Duration.ofSeconds(28));
  }

  @Test
  void refusesCallsAfterClose() {
    client.close();

    assertThat(catchThrowableOfType(ParleyClientException.class, () -> client.query(ECHO, "a"))
        .code()).isEqualTo(ErrorCode.CLIENT_CLOSED_REQUEST);
    assertThat(timeouts).isEmpty();
  }

  @Test
  void refusesNullDescriptor() {
    assertThatThrownBy(() -> client.query(null, "a")).isInstanceOf(NullPointerException.class)
        .hasMessage("query");
  }
}

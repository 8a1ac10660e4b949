package dev.parley.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.Shared;
import dev.parley.client.ClientOptions;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyClientException;
import dev.parley.jetty.TestApi.Id;
import dev.parley.jetty.TestApi.NewTodo;
import dev.parley.jetty.TestApi.Todo;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The real client against the real transport, over HTTP/1.1 and h2c. */
class ClientOverJettyTest {
  private JettyTransport transport;

  @BeforeEach
  void start() {
    transport = new TestApi().start();
  }

  @AfterEach
  void stop() {
    transport.close();
  }

  private ParleyClient<Shared> client(HttpClient.Version version) {
    return ParleyClient.http(transport.uri(), TestApi.CONTRACT,
        ClientOptions.builder().httpVersion(version).build());
  }

  @ParameterizedTest
  @EnumSource(HttpClient.Version.class)
  void queriesAndMutates(HttpClient.Version version) {
    try (ParleyClient<Shared> client = client(version)) {
      Todo added = client.mutate(TestApi.ADD, new NewTodo("bread"));

      assertThat(added.text()).isEqualTo("bread");
      assertThat(client.query(TestApi.GET, new Id(added.id()))).isEqualTo(added);
      assertThat(client.query(TestApi.LIST)).extracting(Todo::text).containsExactly("milk", "bread");
    }
  }

  @ParameterizedTest
  @EnumSource(HttpClient.Version.class)
  void getsTypedErrorsThenCallsOn(HttpClient.Version version) {
    try (ParleyClient<Shared> client = client(version)) {
      assertThatThrownBy(() -> client.mutate(TestApi.ADD, new NewTodo("")))
          .isInstanceOfSatisfying(ParleyClientException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.issues()).extracting(Issue::path).containsExactly("text");
          });
      assertThat(client.query(TestApi.LIST)).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(HttpClient.Version.class)
  void answersManyConcurrentCallsInOrder(HttpClient.Version version) {
    try (ParleyClient<Shared> client = client(version)) {
      List<CompletableFuture<Todo>> adds = IntStream.range(0, 40)
          .mapToObj(i -> client.mutateAsync(TestApi.ADD, new NewTodo("t" + i))).toList();

      assertThat(adds).extracting(CompletableFuture::join).extracting(Todo::text)
          .containsExactlyElementsOf(IntStream.range(0, 40).mapToObj(i -> "t" + i).toList());
      assertThat(client.query(TestApi.LIST)).hasSize(41);
    }
  }

  @ParameterizedTest
  @EnumSource(HttpClient.Version.class)
  void refusesAnInputOverTheBodyLimitThenCallsOn(HttpClient.Version version) {
    try (ParleyClient<Shared> client = client(version)) {
      String big = "x".repeat(TestApi.MAX_BODY_BYTES);

      assertThatThrownBy(() -> client.mutate(TestApi.ADD, new NewTodo(big)))
          .isInstanceOfSatisfying(ParleyClientException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
            assertThat(e.httpStatus()).isEqualTo(413);
          });
      assertThat(client.mutate(TestApi.ADD, new NewTodo("small")).text()).isEqualTo("small");
    }
  }
}

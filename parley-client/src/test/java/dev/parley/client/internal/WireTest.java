package dev.parley.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Mutation;
import dev.parley.Parley;
import dev.parley.Query;
import dev.parley.Shared;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import dev.parley.internal.wire.Percent;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The request side of the wire: URLs and bodies of single calls and batches. */
class WireTest {
  static final String BASE = "http://127.0.0.1:8080/parley";
  static final Query<Shared, String, String> ECHO =
      Parley.query("util.echo").input(String.class).output(String.class);
  static final Query<Shared, Void, String> TIME = Parley.query("time").output(String.class);
  static final Mutation<Shared, String, String> SAY =
      Parley.mutation("say").input(String.class).output(String.class);

  private static Call query(Query<?, ?, ?> q, @Nullable String json) {
    byte[] bytes = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
    return new Call(Endpoint.of(BASE, q), bytes, bytes == null ? null : Percent.encode(bytes), null,
        Call.NO_DEADLINE);
  }

  private static Call mutation(@Nullable String json) {
    return new Call(Endpoint.of(BASE, SAY),
        json == null ? null : json.getBytes(StandardCharsets.UTF_8), null, null, Call.NO_DEADLINE);
  }

  @Test
  void singleQueryPutsEncodedInputInTheUrl() {
    String url = Wire.url(BASE, new Exchange(List.of(query(ECHO, "\"a b+c/ü\""))));

    assertThat(url).isEqualTo(BASE + "/util.echo?input=%22a%20b%2Bc%2F%C3%BC%22");
    assertThat(URI.create(url).getRawQuery()).isEqualTo("input=%22a%20b%2Bc%2F%C3%BC%22");
  }

  @Test
  void singleQueryWithoutInputHasNoQueryString() {
    assertThat(Wire.url(BASE, new Exchange(List.of(query(TIME, null))))).isEqualTo(BASE + "/time");
  }

  @Test
  void queryBatchListsNamesAndIndexesInputsSkippingNone() {
    Exchange x = new Exchange(List.of(query(ECHO, "\"x\""), query(TIME, null), query(ECHO, "1")));
    String url = Wire.url(BASE, x);

    assertThat(url).startsWith(BASE + "/util.echo,time,util.echo?batch=1&input=");
    String input = url.substring(url.indexOf("input=") + 6);
    assertThat(URLDecoder.decode(input, StandardCharsets.UTF_8))
        .isEqualTo("{\"0\":\"x\",\"2\":1}");
  }

  @Test
  void queryBatchLengthEstimateCoversTheRealUrl() {
    List<Call> calls = List.of(query(ECHO, "\"x\""), query(TIME, null), query(ECHO, "[1,2]"));
    int estimate = BASE.length() + Wire.batchQueryOverhead();
    for (int i = 0; i < calls.size(); i++) {
      estimate += Wire.batchQueryLength(i, calls.get(i));
    }

    assertThat(estimate).isGreaterThanOrEqualTo(Wire.url(BASE, new Exchange(calls)).length());
  }

  @Test
  void singleMutationBodyIsItsJsonOrEmpty() {
    assertThat(Wire.url(BASE, new Exchange(List.of(mutation("\"hi\""))))).isEqualTo(BASE + "/say");
    assertThat(Wire.body(new Exchange(List.of(mutation("\"hi\""))))).asString()
        .isEqualTo("\"hi\"");
    assertThat(Wire.body(new Exchange(List.of(mutation(null))))).isEmpty();
  }

  @Test
  void mutationBatchPutsIndexedInputsInTheBody() {
    Exchange x = new Exchange(List.of(mutation("\"a\""), mutation(null), mutation("{\"k\":1}")));

    assertThat(Wire.url(BASE, x)).isEqualTo(BASE + "/say,say,say?batch=1");
    assertThat(new String(Wire.body(x), StandardCharsets.UTF_8))
        .isEqualTo("{\"0\":\"a\",\"2\":{\"k\":1}}");
  }

  @Test
  void percentEncodingKeepsOnlyWhatEncodeUriComponentKeeps() {
    byte[] all = "AZaz09-_.!~*'() \"{}:,+&=?#/%".getBytes(StandardCharsets.UTF_8);

    assertThat(Percent.encode(all))
        .isEqualTo("AZaz09-_.!~*'()%20%22%7B%7D%3A%2C%2B%26%3D%3F%23%2F%25");
  }
}

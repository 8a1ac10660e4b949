package dev.parley.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.internal.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A streamed batch: the lines the server writes, read back by the client's reader. */
class JsonLinesTest {
  private final JsonCodec codec = JsonCodec.standard();
  private final Envelopes envelopes = new Envelopes(codec);

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void writesTrpcsHeadAndLines() {
    assertThat(text(JsonLines.head(2)))
        .isEqualTo("{\"0\":[[0],[null,0,0]],\"1\":[[0],[null,0,1]]}\n");
    assertThat(text(JsonLines.line(1, "{\"result\":{}}".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("[1,0,[[{\"result\":{}}]]]\n");
  }

  @Test
  void readsTheAnswersInTheOrderTheyCome() {
    byte[] error = envelopes.error(new ParleyException(ErrorCode.BAD_REQUEST, "bad"), "b");
    byte[] ok = envelopes.result(String.class, "hi", true, null);
    List<JsonLines.Answer> answers = new ArrayList<>();
    JsonLines.Reader reader = new JsonLines.Reader(2, 200);

    for (byte[] line : List.of(JsonLines.head(2), JsonLines.line(1, error), JsonLines.line(0, ok))) {
      assertThat(reader.done()).isFalse();
      answers.addAll(reader.accept(codec.parse(line)));
    }

    assertThat(reader.done()).isTrue();
    assertThat(answers).extracting(JsonLines.Answer::index).containsExactly(1, 0);
    assertThat(((Reply.Failure) answers.get(0).reply()).error().path()).isEqualTo("b");
    assertThat(((Reply.Data) answers.get(1).reply()).data().asString()).isEqualTo("hi");
  }

  @Test
  void readsAnswersInlineInTheHeadAndRejectedChunks() {
    JsonLines.Reader reader = new JsonLines.Reader(2, 200);
    var head = reader.accept(codec.parse(
        "{\"0\":[[{\"result\":{\"data\":1}}]],\"1\":[[0],[null,0,7]]}"));
    var rejected = reader.accept(codec.parse(
        "[7,1,{\"message\":\"no\",\"code\":-32004,\"data\":{\"code\":\"NOT_FOUND\",\"httpStatus\":404}}]"));

    assertThat(head).extracting(JsonLines.Answer::index).containsExactly(0);
    assertThat(((Reply.Failure) rejected.get(0).reply()).error().code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(reader.done()).isTrue();
  }

  @Test
  void refusesLinesOutOfTheFormat() {
    JsonLines.Reader reader = new JsonLines.Reader(1, 200);
    assertThatThrownBy(() -> reader.accept(codec.parse("[1]")))
        .isInstanceOf(IllegalArgumentException.class);
    JsonLines.Reader second = new JsonLines.Reader(1, 200);
    second.accept(codec.parse(JsonLines.head(1)));
    assertThatThrownBy(() -> second.accept(codec.parse("[9,0,[[{}]]]")))
        .hasMessageContaining("unknown chunk");
  }
}

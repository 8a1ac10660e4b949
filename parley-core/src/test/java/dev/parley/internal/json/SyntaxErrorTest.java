package dev.parley.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.Schema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The words of a {@code PARSE_ERROR}: Parley's own, the same whether the JSON is parsed from bytes
 * or from a string, or decoded straight from bytes, and none of Jackson's.
 */
class SyntaxErrorTest {
  record Item(String name, int count) {}

  private final JsonCodec codec = new JsonCodec(JsonCodec.DEFAULT_MAX_NESTING_DEPTH);

  /** The message of {@code json}'s parse error, checked to be the same by every way in. */
  private String reason(String json) {
    byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
    ParleyException bytes = catchThrowableOfType(ParleyException.class, () -> codec.parse(utf8));
    ParleyException decoded = catchThrowableOfType(ParleyException.class,
        () -> codec.decode(Schema.of(Item.class), utf8, "input"));
    ParleyException chars = catchThrowableOfType(ParleyException.class, () -> codec.parse(json));
    for (ParleyException e : List.of(bytes, decoded, chars)) {
      assertThat(e).as(json).isNotNull();
      assertThat(e.code()).as(json).isEqualTo(ErrorCode.PARSE_ERROR);
      assertThat(e.getMessage()).as(json).startsWith("input is not valid JSON: ")
          .doesNotContain("Feature", "enable", "`", "code ", "Source", "REDACTED", "token",
              "was expecting", "start marker", "for Object", "for Array", "#");
    }
    assertThat(decoded.getMessage()).as(json).isEqualTo(bytes.getMessage());
    return bytes.getMessage().substring("input is not valid JSON: ".length());
  }

  @Test
  void namesAnUnexpectedCharacterAndWhereItStands() {
    assertThat(reason("{\"name\":x}")).isEqualTo("unexpected character 'x' (line 1, column 9)");
    assertThat(reason("[1,]")).isEqualTo("unexpected character ']' (line 1, column 4)");
    assertThat(reason("{\"a\" 1}")).isEqualTo("unexpected character '1' (line 1, column 6)");
    assertThat(reason("{\n  \"a\":1,\n  b:2}"))
        .isEqualTo("unexpected character 'b' (line 3, column 3)");
    assertThat(reason("{'a':1}")).isEqualTo("unexpected character \"'\" (line 1, column 2)");
    assertThat(reason("[é]")).startsWith("unexpected character 'é' (line 1, column ");
  }

  @Test
  void namesAMismatchedClosingBracketWithoutADanglingStart() {
    assertThat(reason("{\"a\":1]")).isEqualTo("unexpected character ']' (line 1, column 7)");
    assertThat(reason("[1}")).isEqualTo("unexpected character '}' (line 1, column 3)");
  }

  @Test
  void namesAControlCharacterByItsCodePoint() {
    assertThat(reason("[\"a\u0001\"]")).isEqualTo("unexpected character U+0001 (line 1, column 4)");
    assertThat(reason("[\"a\tb\"]")).isEqualTo("unexpected character U+0009 (line 1, column 4)");
  }

  @Test
  void namesAnUnexpectedWordCutTo32Characters() {
    assertThat(reason("[tru]")).isEqualTo("unexpected word 'tru' (line 1, column 2)");
    assertThat(reason("{\"on\":True}")).isEqualTo("unexpected word 'True' (line 1, column 7)");
    String word = "z".repeat(32);
    assertThat(reason(word)).isEqualTo("unexpected word '" + word + "' (line 1, column 1)");
    assertThat(reason(word + "z")).isEqualTo("unexpected word '" + word + "…' (line 1, column 1)");
  }

  @Test
  void saysCommentsAreNotAllowed() {
    assertThat(reason("// note\n{}")).isEqualTo("comments are not allowed (line 1, column 1)");
    assertThat(reason("{\"a\":1 /* note */}"))
        .isEqualTo("comments are not allowed (line 1, column 8)");
  }

  @Test
  void saysNanAndInfinityAreNotNumbers() {
    for (String json : List.of("NaN", "[NaN]", "{\"a\":Infinity}", "[-Infinity]", "[1,+Infinity]")) {
      assertThat(reason(json)).as(json).startsWith("NaN and Infinity are not numbers in JSON (line 1,");
    }
  }

  @Test
  void namesALeadingPlusWhereItStands() {
    assertThat(reason("[+1]")).isEqualTo("unexpected character '+' (line 1, column 2)");
  }

  @Test
  void saysTheInputEndsTooSoon() {
    assertThat(reason("{")).isEqualTo("unexpected end of input (line 1, column 2)");
    assertThat(reason("{\"text\":")).isEqualTo("unexpected end of input (line 1, column 9)");
    assertThat(reason("[\"abc")).isEqualTo("unexpected end of input (line 1, column 6)");
    assertThat(reason("-")).isEqualTo("unexpected end of input (line 1, column 2)");
  }

  @Test
  void saysThereIsDataAfterTheValue() {
    assertThat(reason("{} {}"))
        .isEqualTo("unexpected data after the JSON value (line 1, column 4)");
    assertThat(reason("1 2")).isEqualTo("unexpected data after the JSON value (line 1, column 3)");
    assertThat(reason("{\"name\":\"a\",\"count\":1}\n[]"))
        .isEqualTo("unexpected data after the JSON value (line 2, column 1)");
  }

  @Test
  void namesAPropertyThatAppearsTwice() {
    assertThat(reason("{\"name\":\"a\",\"count\":1,\"name\":\"b\"}"))
        .isEqualTo("duplicate property \"name\" (line 1, column 29)");
    assertThat(reason("[{\"x\":{\"a\":1,\"a\" : 2}}]"))
        .startsWith("duplicate property \"a\" (line 1, column ");
  }

  @Test
  void saysTheInputIsNotUtf8() {
    for (byte[] bad : List.of(new byte[] {'"', (byte) 0xff, '"'},
        new byte[] {'[', '"', 'a', (byte) 0xc3, '"', ']'},
        new byte[] {'{', '"', (byte) 0xe9, 'x', '"', ':', '1', '}'},
        new byte[] {'[', (byte) 0xc0, (byte) 0x80, ']'})) {
      for (ParleyException e : List.of(
          catchThrowableOfType(ParleyException.class, () -> codec.parse(bad)),
          catchThrowableOfType(ParleyException.class,
              () -> codec.decode(Schema.of(Item.class), bad, "input")))) {
        assertThat(e.code()).isEqualTo(ErrorCode.PARSE_ERROR);
        assertThat(e.getMessage()).startsWith("input is not valid JSON: invalid UTF-8 (line 1, ");
      }
    }
  }

  @Test
  void tellsTooDeepNestingFromTooLongAValue() {
    String deep = "[".repeat(65) + "]".repeat(65);
    String longNumber = "[" + "1".repeat(1001) + "]";
    String deepInAString = "[\"" + "[".repeat(100) + "\"]";
    assertThat(catchThrowableOfType(ParleyException.class, () -> codec.parse(deep)).getMessage())
        .isEqualTo("input nests deeper than 64 levels");
    ParleyException tooLong =
        catchThrowableOfType(ParleyException.class, () -> codec.parse(longNumber));
    assertThat(tooLong.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(tooLong.getMessage())
        .isEqualTo("input has a string, number or name longer than allowed");
    assertThat(codec.parse(deepInAString).get(0).asString()).hasSize(100);
  }
}

package dev.parley.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.internal.json.JsonCodec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The request side, written by the client and read by the server with the same classes. */
class RequestWireTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void percentEncodingRoundTripsEveryByteAsEncodeUriComponentWould() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    String encoded = Percent.encode(all);

    assertThat(Percent.decode(encoded, 1024)).isEqualTo(all);
    assertThat(Percent.encode(utf8("AZaz09-_.!~*'() \"{}:,+&=?#/%ü")))
        .isEqualTo("AZaz09-_.!~*'()%20%22%7B%7D%3A%2C%2B%26%3D%3F%23%2F%25%C3%BC");
    assertThat(Percent.decode("a+b", 10)).isEqualTo(utf8("a b"));
  }

  @Test
  void percentDecodingKeepsRawTextAsItsUtf8() {
    assertThat(Percent.decode("ü😀x", 100)).isEqualTo(utf8("ü😀x"));
    assertThat(Percent.decodeText("todos.list", 100)).isEqualTo("todos.list");
    assertThat(Percent.decodeText("a%2Cb%C3%BC", 100)).isEqualTo("a,bü");
    assertThat(Percent.decode("%41%42", 2)).isEqualTo(utf8("AB"));
    assertThatThrownBy(() -> Percent.decode("%41%42", 1)).isInstanceOf(ParleyException.class);
    assertThatThrownBy(() -> Percent.decode("ab%4", 10)).isInstanceOf(ParleyException.class);
    assertThatThrownBy(() -> Percent.decode("ab%G1", 10)).isInstanceOf(ParleyException.class);
  }

  @Test
  void percentDecodingRefusesBrokenEscapesAndTooMuch() {
    assertThatThrownBy(() -> Percent.decode("%7", 10)).isInstanceOfSatisfying(
        ParleyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PARSE_ERROR));
    assertThatThrownBy(() -> Percent.decode("abcd", 3)).isInstanceOfSatisfying(
        ParleyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
  }

  @Test
  void percentDecodingTakesEveryCharacterFromU0080AsItsUtf8() {
    assertThat(Percent.decode("", 10)).isEmpty();
    assertThat(Percent.decode("\u007f\u0080", 10)).containsExactly(0x7f, 0xc2, 0x80);
    assertThat(Percent.decode("a\uD83D", 10)).isEqualTo(utf8("a\uD83D"));
    assertThat(Percent.decodeText("%41b", 10)).isEqualTo("Ab");
    assertThat(Percent.decode("%20%30", 10)).isEqualTo(utf8(" 0"));
  }

  @Test
  void aBatchOfNoInputsIsAnEmptyObject() {
    assertThat(new String(BatchInput.json(List.of()), StandardCharsets.UTF_8)).isEqualTo("{}");
  }

  @Test
  void aBatchsInputsRoundTripInTheBodyAndInTheUrl() {
    byte[] body = BatchInput.json(Arrays.asList(utf8("\"a\""), null, utf8("{\"k\":1}")));
    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("{\"0\":\"a\",\"2\":{\"k\":1}}");

    String url = BatchInput.encoded(Arrays.asList(Percent.encode(utf8("\"a\"")), null,
        Percent.encode(utf8("{\"k\":1}"))));
    JsonNode read = JsonCodec.standard().parse(Percent.decode(url, 1000));
    assertThat(read.get("0").asString()).isEqualTo("a");
    assertThat(read.has("1")).isFalse();
    assertThat(read.get("2").get("k").asInt()).isEqualTo(1);
    assertThat(URLDecoder.decode(url, StandardCharsets.UTF_8)).isEqualTo(new String(body,
        StandardCharsets.UTF_8));
    assertThat(url.length()).isLessThanOrEqualTo(BatchInput.encodedOverhead()
        + BatchInput.encodedLength(0, Percent.encode(utf8("\"a\"")))
        + BatchInput.encodedLength(2, Percent.encode(utf8("{\"k\":1}"))));
  }

  @Test
  void readsTheQueryStringsParameters() {
    QueryString q = QueryString.parse("x=1&" + QueryString.BATCH + "&" + QueryString.INPUT + "%7B%7D");
    assertThat(q.isBatch()).isTrue();
    assertThat(q.input()).isEqualTo("%7B%7D");
    assertThat(q.repeated()).isNull();

    assertThat(QueryString.parse("batch=true").isBatch()).isFalse();
    assertThat(QueryString.parse("input=1&input=2").repeated()).isEqualTo("input");
    assertThat(QueryString.parse("").input()).isNull();
    assertThat(QueryString.parse("input=1&batch=1").isBatch()).isTrue();
    assertThat(QueryString.parse("batch=1&input=").input()).isEmpty();
    assertThat(QueryString.parse("batch=10").isBatch()).isFalse();
    assertThat(QueryString.parse("batch=1&batch=1").repeated()).isEqualTo("batch");
    assertThat(QueryString.parse("&input=%7B%7D&&batch=1&").input()).isEqualTo("%7B%7D");
    assertThat(QueryString.parse("&input=%7B%7D&&batch=1&").isBatch()).isTrue();
  }

  @Test
  void theTimeoutHeaderRoundTripsRoundedUpToItsUnit() {
    for (long nanos : new long[] {1, 999, 1_000_001, 2_500_000_000L, TimeUnit.HOURS.toNanos(30)}) {
      long read = TimeoutHeader.parse(TimeoutHeader.format(nanos));
      assertThat(read).isGreaterThanOrEqualTo(nanos);
      assertThat(read - nanos).isLessThan(Math.max(1, nanos / 1_000_000));
    }
    assertThat(TimeoutHeader.format(2_500_000_000L)).isEqualTo("2500000u");
    assertThat(TimeoutHeader.parse("2S")).isEqualTo(2_000_000_000L);
    assertThat(TimeoutHeader.parse("1H")).isEqualTo(TimeUnit.HOURS.toNanos(1));
    assertThat(TimeoutHeader.parse("3M")).isEqualTo(TimeUnit.MINUTES.toNanos(3));
    assertThat(TimeoutHeader.parse("7n")).isEqualTo(7);
    assertThat(TimeoutHeader.parse("99999999m")).isEqualTo(TimeUnit.MILLISECONDS.toNanos(99_999_999));
  }

  @Test
  void theTimeoutHeaderUsesTheFinestUnitThatFitsEightDigits() {
    assertThat(TimeoutHeader.format(99_999_999)).isEqualTo("99999999n");
    assertThat(TimeoutHeader.format(100_000_000)).isEqualTo("100000u");
    assertThat(TimeoutHeader.format(99_999_999_000L)).isEqualTo("99999999u");
    assertThat(TimeoutHeader.format(99_999_999_001L)).isEqualTo("100000m");
    assertThat(TimeoutHeader.format(TimeUnit.DAYS.toNanos(100_000))).isEqualTo("2400000H");
    assertThat(TimeoutHeader.format(Long.MAX_VALUE)).isEqualTo("2562048H");
    assertThatThrownBy(() -> TimeoutHeader.format(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesAMalformedTimeoutHeader() {
    for (String bad : new String[] {"", "5", "m", "-1m", "123456789m", "1.5S", "10x"}) {
      assertThatThrownBy(() -> TimeoutHeader.parse(bad)).as(bad)
          .isInstanceOfSatisfying(ParleyException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    }
  }
}

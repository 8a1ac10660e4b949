package dev.parley.client.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * tRPC v11's request side: the URL and body of one call or one batch.
 *
 * <ul>
 *   <li>query: {@code GET {base}/{name}?input=<url-encoded JSON>}, no {@code input} without input;
 *   <li>mutation: {@code POST {base}/{name}}, the JSON in the body, an empty body without input;
 *   <li>batch: {@code {base}/{a},{b}?batch=1} with the inputs as {@code {"0":…,"1":…}} (calls
 *       without input have no entry), in the {@code input} parameter of a {@code GET} for queries
 *       and in the body of a {@code POST} for mutations.
 * </ul>
 */
final class Wire {
  private static final String BATCH = "?batch=1";
  private static final String INPUT = "&input=";
  private static final String OPEN = "%7B";
  private static final String CLOSE = "%7D";
  private static final String QUOTE = "%22";
  private static final String COLON = "%3A";
  private static final String COMMA = "%2C";

  private Wire() {}

  /** The URL of {@code x}, {@code base} being the link's base without a trailing slash. */
  static String url(String base, Exchange x) {
    List<Call> calls = x.calls;
    if (calls.size() == 1) {
      Call c = calls.get(0);
      return c.encoded == null ? c.endpoint.url() : c.endpoint.url() + "?input=" + c.encoded;
    }
    StringBuilder url = new StringBuilder(base.length() + 64 * calls.size()).append(base).append('/');
    for (int i = 0; i < calls.size(); i++) {
      url.append(i == 0 ? "" : ",").append(calls.get(i).name());
    }
    url.append(BATCH);
    if (x.mutation) {
      return url.toString();
    }
    url.append(INPUT).append(OPEN);
    boolean first = true;
    for (int i = 0; i < calls.size(); i++) {
      String encoded = calls.get(i).encoded;
      if (encoded != null) {
        url.append(first ? "" : COMMA).append(QUOTE).append(i).append(QUOTE).append(COLON)
            .append(encoded);
        first = false;
      }
    }
    return url.append(CLOSE).toString();
  }

  /** The body of {@code x} when it is a mutation; empty when the one call has no input. */
  static byte[] body(Exchange x) {
    List<Call> calls = x.calls;
    if (calls.size() == 1) {
      byte[] json = calls.get(0).json;
      return json == null ? new byte[0] : json;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * calls.size());
    out.write('{');
    boolean first = true;
    for (int i = 0; i < calls.size(); i++) {
      byte @Nullable [] json = calls.get(i).json;
      if (json != null) {
        out.writeBytes(((first ? "\"" : ",\"") + i + "\":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(json);
        first = false;
      }
    }
    out.write('}');
    return out.toByteArray();
  }

  /** The characters of a batched query's URL besides its base, names and inputs. */
  static int batchQueryOverhead() {
    return 1 + BATCH.length() + INPUT.length() + OPEN.length() + CLOSE.length();
  }

  /** At most the characters that call {@code c}, at {@code index} in a query batch, adds to its URL. */
  static int batchQueryLength(int index, Call c) {
    int name = c.name().length() + 1;
    String encoded = c.encoded;
    if (encoded == null) {
      return name;
    }
    return name + COMMA.length() + QUOTE.length() * 2 + Integer.toString(index).length()
        + COLON.length() + encoded.length();
  }
}

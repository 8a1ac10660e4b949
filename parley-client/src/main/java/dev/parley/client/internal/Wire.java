package dev.parley.client.internal;

import dev.parley.internal.wire.BatchInput;
import dev.parley.internal.wire.QueryString;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The URL and body of one call or one batch, in tRPC v11's request form (see {@link BatchInput}
 * and {@link QueryString}, which the server reads with):
 *
 * <ul>
 *   <li>query: {@code GET {base}/{name}?input=<url-encoded JSON>}, no {@code input} without input;
 *   <li>mutation: {@code POST {base}/{name}}, the JSON in the body, an empty body without input;
 *   <li>batch: {@code {base}/{a},{b}?batch=1} with the inputs as {@code {"0":…,"1":…}}, in the
 *       {@code input} parameter of a {@code GET} for queries and in the body of a {@code POST} for
 *       mutations.
 * </ul>
 */
final class Wire {
  private Wire() {}

  /** The URL of {@code x}, {@code base} being the link's base without a trailing slash. */
  static String url(String base, Exchange x) {
    List<Call> calls = x.calls;
    if (calls.size() == 1) {
      Call c = calls.get(0);
      return c.encoded == null ? c.endpoint.url()
          : c.endpoint.url() + "?" + QueryString.INPUT + c.encoded;
    }
    StringBuilder url = new StringBuilder(base.length() + 64 * calls.size()).append(base).append('/');
    List<@Nullable String> inputs = new ArrayList<>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      url.append(i == 0 ? "" : ",").append(calls.get(i).name());
      inputs.add(calls.get(i).encoded);
    }
    url.append('?').append(QueryString.BATCH);
    if (x.mutation) {
      return url.toString();
    }
    return url.append('&').append(QueryString.INPUT).append(BatchInput.encoded(inputs)).toString();
  }

  /** The body of {@code x} when it is a mutation; empty when the one call has no input. */
  static byte[] body(Exchange x) {
    List<Call> calls = x.calls;
    if (calls.size() == 1) {
      byte[] json = calls.get(0).json;
      return json == null ? new byte[0] : json;
    }
    List<byte @Nullable []> inputs = new ArrayList<>(calls.size());
    for (Call c : calls) {
      inputs.add(c.json);
    }
    return BatchInput.json(inputs);
  }

  /** The characters of a batched query's URL besides its base, names and inputs. */
  static int batchQueryOverhead() {
    return 2 + QueryString.BATCH.length() + 1 + QueryString.INPUT.length()
        + BatchInput.encodedOverhead();
  }

  /** At most the characters that call {@code c}, at {@code index} in a query batch, adds to its URL. */
  static int batchQueryLength(int index, Call c) {
    return c.name().length() + 1 + BatchInput.encodedLength(index, c.encoded);
  }
}

package dev.parley.internal.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A batch's inputs: one JSON object keyed by each call's position, {@code {"0":…,"1":…}}, where a
 * call without input has no entry. In a {@code POST} body as JSON, in a {@code GET}'s {@code
 * input} parameter URL-encoded.
 */
public final class BatchInput {
  private static final String OPEN = "%7B";
  private static final String CLOSE = "%7D";
  private static final String QUOTE = "%22";
  private static final String COLON = "%3A";
  private static final String COMMA = "%2C";

  private BatchInput() {}

  /** The JSON object of {@code inputs} (each JSON, or {@code null} for none). */
  public static byte[] json(List<byte @Nullable []> inputs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * inputs.size());
    out.write('{');
    boolean first = true;
    for (int i = 0; i < inputs.size(); i++) {
      byte[] json = inputs.get(i);
      if (json != null) {
        out.writeBytes(((first ? "\"" : ",\"") + i + "\":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(json);
        first = false;
      }
    }
    out.write('}');
    return out.toByteArray();
  }

  /** The URL-encoded object of {@code inputs}, each already {@link Percent#encode encoded}. */
  public static String encoded(List<@Nullable String> inputs) {
    StringBuilder url = new StringBuilder(OPEN);
    boolean first = true;
    for (int i = 0; i < inputs.size(); i++) {
      String encoded = inputs.get(i);
      if (encoded != null) {
        url.append(first ? "" : COMMA).append(QUOTE).append(i).append(QUOTE).append(COLON)
            .append(encoded);
        first = false;
      }
    }
    return url.append(CLOSE).toString();
  }

  /** The characters {@link #encoded} adds around its entries. */
  public static int encodedOverhead() {
    return OPEN.length() + CLOSE.length();
  }

  /** At most the characters an entry at {@code index} with {@code encoded} input adds. */
  public static int encodedLength(int index, @Nullable String encoded) {
    return encoded == null ? 0 : COMMA.length() + QUOTE.length() * 2
        + Integer.toString(index).length() + COLON.length() + encoded.length();
  }
}

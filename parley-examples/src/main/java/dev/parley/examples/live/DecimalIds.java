package dev.parley.examples.live;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The demo's event ids: decimal integers written as strings ({@code "42"}, {@code "-7"}), which a
 * resuming subscriber sends back as its last event id.
 */
public final class DecimalIds {
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+");

  private DecimalIds() {}

  /**
   * The number {@code lastEventId} writes, of any size.
   *
   * @throws ParleyException {@code BAD_REQUEST} when it is not a decimal integer ({@code -?[0-9]+})
   */
  public static BigInteger parse(String lastEventId) {
    if (!DECIMAL.matcher(lastEventId).matches()) {
      throw new ParleyException(ErrorCode.BAD_REQUEST,
          "lastEventId: expected a decimal integer, the id of the last event seen");
    }
    return new BigInteger(lastEventId);
  }
}

package dev.parley.benchmarks.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The few WebSocket bytes the load generator writes (RFC 6455): the upgrade request and masked
 * client frames. No extension is offered, so neither server compresses.
 */
final class Frames {
  static final int TEXT = 0x1;
  static final int CLOSE = 0x8;
  static final int PING = 0x9;
  static final int PONG = 0xA;
  private static final byte[] MASK = {0x1b, 0x2c, 0x3d, 0x4e};
  private static final byte[] END_OF_HEAD = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private Frames() {}

  /** The upgrade request for {@code path} on {@code host:port}. */
  static ByteBuffer upgrade(String host, int port, String path) {
    return ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
  }

  /** A masked text frame of {@code text}. */
  static ByteBuffer text(String text) {
    return frame(TEXT, text.getBytes(StandardCharsets.UTF_8));
  }

  /** A masked frame of {@code opcode} with {@code payload}, FIN set. */
  static ByteBuffer frame(int opcode, byte[] payload) {
    int n = payload.length;
    ByteBuffer out = ByteBuffer.allocate(14 + n);
    out.put((byte) (0x80 | opcode));
    if (n < 126) {
      out.put((byte) (0x80 | n));
    } else if (n < 65_536) {
      out.put((byte) (0x80 | 126)).putShort((short) n);
    } else {
      out.put((byte) (0x80 | 127)).putLong(n);
    }
    out.put(MASK);
    for (int i = 0; i < n; i++) {
      out.put((byte) (payload[i] ^ MASK[i & 3]));
    }
    return out.flip();
  }

  /**
   * The frame that starts at {@code in}'s position, when the whole of it is there; else null.
   * Leaves {@code in} as it is.
   */
  static @Nullable Frame next(ByteBuffer in) {
    if (in.remaining() < 2) {
      return null;
    }
    int at = in.position();
    int b0 = in.get(at) & 0xff;
    int b1 = in.get(at + 1) & 0x7f;
    int header = 2;
    long length = b1;
    if (b1 == 126) {
      header = 4;
      if (in.remaining() < header) {
        return null;
      }
      length = in.getShort(at + 2) & 0xffff;
    } else if (b1 == 127) {
      header = 10;
      if (in.remaining() < header) {
        return null;
      }
      length = in.getLong(at + 2);
    }
    if (in.remaining() < header + length) {
      return null;
    }
    return new Frame(b0 & 0x0f, at + header, (int) (at + header + length));
  }

  /**
   * Reads the upgrade response at {@code in}'s position: null while incomplete (nothing read),
   * else whether it accepted the upgrade, with {@code in} after it.
   */
  static @Nullable Boolean upgraded(ByteBuffer in) {
    int end = indexOf(in, in.position(), in.limit(), END_OF_HEAD);
    if (end < 0) {
      return null;
    }
    byte[] head = new byte[Math.min(12, end - in.position())];
    in.get(in.position(), head);
    in.position(end + 4);
    return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101");
  }

  /** Where {@code pattern} first starts in {@code b} between {@code from} and {@code to}; -1 if not. */
  static int indexOf(ByteBuffer b, int from, int to, byte[] pattern) {
    outer:
    for (int i = from; i <= to - pattern.length; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (b.get(i + j) != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The decimal number right after the last {@code key} between {@code from} and {@code to}; -1 if none. */
  static long numberAfter(ByteBuffer b, int from, int to, byte[] key) {
    int at = -1;
    for (int i = from; (i = indexOf(b, i, to, key)) >= 0; i++) {
      at = i;
    }
    return at < 0 ? -1 : digits(b, at + key.length, to);
  }

  /** The decimal number that starts at {@code from} (0 when none does). */
  static long digits(ByteBuffer b, int from, int to) {
    long n = 0;
    for (int i = from; i < to; i++) {
      int d = b.get(i) - '0';
      if (d < 0 || d > 9) {
        break;
      }
      n = n * 10 + d;
    }
    return n;
  }

  /** One whole frame in a buffer: its opcode, and where its payload starts and ends. */
  record Frame(int opcode, int from, int to) {}

  /** A {@code wsLink} subscribe message of request {@code id} to {@code path}, without input. */
  static ByteBuffer subscribe(int id, String path) {
    return text("{\"id\":" + id + ",\"method\":\"subscription\",\"params\":{\"path\":\"" + path + "\"}}");
  }

  /** A {@code wsLink} mutation message of request {@code id} to {@code path} with a stamp. */
  static ByteBuffer publish(long id, String path, long t) {
    return text("{\"id\":" + id + ",\"method\":\"mutation\",\"params\":{\"path\":\"" + path
        + "\",\"input\":{\"t\":" + t + "}}}");
  }
}

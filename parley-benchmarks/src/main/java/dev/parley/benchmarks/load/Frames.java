package dev.parley.benchmarks.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

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

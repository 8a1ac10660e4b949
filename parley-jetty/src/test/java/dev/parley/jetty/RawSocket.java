package dev.parley.jetty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client written by hand on a socket, for clients no library makes: one that upgrades
 * and then never reads, nor answers a ping.
 */
final class RawSocket implements AutoCloseable {
  private final Socket socket;

  private RawSocket(Socket socket) {
    this.socket = socket;
  }

  /** Upgrades a connection with a receive buffer of {@code receiveBuffer} bytes. */
  static RawSocket upgrade(JettyTransport transport, int receiveBuffer) throws IOException {
    Socket s = new Socket();
    s.setReceiveBufferSize(receiveBuffer);
    s.connect(new InetSocketAddress("127.0.0.1", transport.port()));
    s.getOutputStream().write(("GET /parley HTTP/1.1\r\nHost: 127.0.0.1:" + transport.port()
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
        + "dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    InputStream in = s.getInputStream();
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed during the upgrade: " + head);
      }
      head.write(b);
    }
    if (!head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101")) {
      throw new IOException("not upgraded: " + head);
    }
    return new RawSocket(s);
  }

  /** Sends one text frame, masked as a client must. */
  void sendText(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xff);
    }
    byte[] mask = {1, 2, 3, 4};
    frame.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    socket.getOutputStream().write(frame.toByteArray());
  }

  /**
   * Reads and drops everything until the server ends the connection; true when it did within
   * {@code millis}.
   */
  boolean endsWithin(int millis) throws IOException {
    long until = System.nanoTime() + millis * 1_000_000L;
    byte[] buf = new byte[65536];
    while (System.nanoTime() < until) {
      socket.setSoTimeout(Math.max(1, (int) ((until - System.nanoTime()) / 1_000_000)));
      try {
        if (socket.getInputStream().read(buf) < 0) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException reset) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

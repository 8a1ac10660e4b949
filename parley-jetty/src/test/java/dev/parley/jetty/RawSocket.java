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
    socket.getOutputStream().write(frame(0x81, text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Sends {@code text} {@code times} times over, all in one write. */
  void sendTexts(String text, int times) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int i = 0; i < times; i++) {
      all.writeBytes(frame(0x81, text.getBytes(StandardCharsets.UTF_8)));
    }
    socket.getOutputStream().write(all.toByteArray());
  }

  /** Sends a close frame with {@code code}. */
  void sendClose(int code) throws IOException {
    socket.getOutputStream().write(frame(0x88, new byte[] {(byte) (code >> 8), (byte) code}));
  }

  /**
   * Reads the server's frames, within 10 s, until its close frame: its code and reason (as {@link
   * SocketClient.Closed}).
   */
  SocketClient.Closed readUntilClose() throws IOException {
    socket.setSoTimeout(10_000);
    java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
    while (true) {
      int op = in.readUnsignedByte() & 0x0f;
      long len = in.readUnsignedByte() & 0x7f;
      if (len == 126) {
        len = in.readUnsignedShort();
      } else if (len == 127) {
        len = in.readLong();
      }
      byte[] payload = new byte[Math.toIntExact(len)];
      in.readFully(payload);
      if (op == 0x8) {
        int code = ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        return new SocketClient.Closed(code,
            new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
      }
    }
  }

  /**
   * Sends a text frame every 20 ms for {@code millis}: true when the server took them all, false
   * once a write fails (the server closed the connection, and its kernel answered with a reset).
   */
  boolean takesFramesFor(int millis) throws InterruptedException {
    long until = System.nanoTime() + millis * 1_000_000L;
    while (System.nanoTime() < until) {
      try {
        sendText("PING");
      } catch (IOException reset) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  private static byte[] frame(int first, byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(first);
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
    return frame.toByteArray();
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

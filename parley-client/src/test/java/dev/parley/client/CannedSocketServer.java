package dev.parley.client;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket endpoint written here on a plain {@link ServerSocket} (RFC 6455: the upgrade, and
 * text, ping, pong and close frames), whose every connection a test drives by hand: it reads what
 * the client sent and writes what it likes, garbage included. The real Parley server cannot be
 * used here: the client module must not depend on it.
 */
final class CannedSocketServer implements AutoCloseable {
  private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  private final ServerSocket listener;
  private final BlockingQueue<Peer> peers = new LinkedBlockingQueue<>();

  CannedSocketServer() throws IOException {
    listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread.ofVirtual().name("canned-socket-accept").start(this::accept);
  }

  URI uri() {
    return URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/parley");
  }

  /** The next connection the client opened, within 10 s. */
  Peer next() throws InterruptedException {
    Peer p = peers.poll(10, TimeUnit.SECONDS);
    if (p == null) {
      throw new AssertionError("no connection within 10 s");
    }
    return p;
  }

  /** Whether the client opened a connection not taken with {@link #next()} yet. */
  boolean hasWaitingConnection() {
    return !peers.isEmpty();
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket s = listener.accept();
        Thread.ofVirtual().start(() -> {
          try {
            peers.add(new Peer(s));
          } catch (IOException | RuntimeException e) {
            try {
              s.close();
            } catch (IOException ignored) {
              // not a WebSocket client
            }
          }
        });
      } catch (IOException e) {
        return;
      }
    }
  }

  /** One connection, from the server's side. */
  static final class Peer implements AutoCloseable {
    /** The request line of the upgrade, e.g. {@code GET /parley?connectionParams=1 HTTP/1.1}. */
    final String requestLine;
    /** The upgrade's headers, by lower-case name. */
    final Map<String, String> headers = new HashMap<>();
    /** Completes with the code of the client's close frame. */
    final CompletableFuture<Integer> closedByClient = new CompletableFuture<>();
    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

    Peer(Socket socket) throws IOException {
      this.socket = socket;
      InputStream in = socket.getInputStream();
      this.out = socket.getOutputStream();
      requestLine = line(in);
      for (String h = line(in); !h.isEmpty(); h = line(in)) {
        int colon = h.indexOf(':');
        headers.put(h.substring(0, colon).trim().toLowerCase(), h.substring(colon + 1).trim());
      }
      String accept = accept(headers.get("sec-websocket-key"));
      out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread.ofVirtual().name("canned-socket-read").start(() -> read(new DataInputStream(in)));
    }

    /** The next text the client sent, within 10 s. */
    String next() throws InterruptedException {
      String t = texts.poll(10, TimeUnit.SECONDS);
      if (t == null) {
        throw new AssertionError("no message within 10 s");
      }
      return t;
    }

    /** The next text the client sent within {@code millis}, or null. */
    String poll(long millis) throws InterruptedException {
      return texts.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Sends {@code text} as one text frame. */
    synchronized Peer send(String text) throws IOException {
      frame(0x1, text.getBytes(StandardCharsets.UTF_8));
      return this;
    }

    /** Sends a close frame with {@code code}. */
    synchronized void closeFrame(int code) throws IOException {
      frame(0x8, new byte[] {(byte) (code >> 8), (byte) code});
    }

    /** Drops the TCP connection, as a network failure would. */
    @Override
    public void close() throws IOException {
      socket.close();
    }

    private void frame(int opcode, byte[] payload) throws IOException {
      ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 10);
      f.write(0x80 | opcode);
      if (payload.length < 126) {
        f.write(payload.length);
      } else if (payload.length < 65536) {
        f.write(126);
        f.write(payload.length >> 8);
        f.write(payload.length);
      } else {
        f.write(127);
        for (int i = 7; i >= 0; i--) {
          f.write((int) ((long) payload.length >> (8 * i)));
        }
      }
      f.write(payload);
      out.write(f.toByteArray());
      out.flush();
    }

    private void read(DataInputStream in) {
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      try {
        while (true) {
          int b0 = in.readUnsignedByte();
          int b1 = in.readUnsignedByte();
          long length = b1 & 0x7F;
          if (length == 126) {
            length = in.readUnsignedShort();
          } else if (length == 127) {
            length = in.readLong();
          }
          byte[] mask = new byte[4];
          if ((b1 & 0x80) != 0) {
            in.readFully(mask);
          }
          byte[] payload = new byte[(int) length];
          in.readFully(payload);
          for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i % 4];
          }
          int opcode = b0 & 0x0F;
          switch (opcode) {
            case 0x0, 0x1 -> {
              message.write(payload);
              if ((b0 & 0x80) != 0) {
                texts.add(message.toString(StandardCharsets.UTF_8));
                message.reset();
              }
            }
            case 0x8 -> {
              closedByClient.complete(payload.length >= 2
                  ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005);
              synchronized (this) {
                frame(0x8, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : payload);
              }
              socket.close();
              return;
            }
            case 0x9 -> {
              synchronized (this) {
                frame(0xA, payload);
              }
            }
            default -> { } // pong
          }
        }
      } catch (IOException e) {
        // the connection ended
      }
    }

    private static String line(InputStream in) throws IOException {
      StringBuilder s = new StringBuilder();
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new IOException("ended within the upgrade request");
        }
        if (c != '\r') {
          s.append((char) c);
        }
      }
      return s.toString();
    }

    private static String accept(String key) {
      try {
        byte[] sha1 = MessageDigest.getInstance("SHA-1")
            .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(sha1);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}

package dev.parley.jetty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 written by hand on a socket, for requests no well-behaved client sends. */
final class RawHttp implements AutoCloseable {
  final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  RawHttp(int port) {
    try {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(20_000);
      out = socket.getOutputStream();
      in = socket.getInputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  RawHttp send(String text) {
    try {
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The bytes answered until the connection closes or {@code millis} pass without more. */
  String readAll(int millis) {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    try {
      socket.setSoTimeout(millis);
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) >= 0; ) {
        got.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      // nothing more for a while
    } catch (IOException e) {
      // reset: what came before stands
    }
    return got.toString(StandardCharsets.UTF_8);
  }

  /** The status of an answer read with {@link #readAll}; 0 when there is none. */
  static int status(String answer) {
    return answer.startsWith("HTTP/1.1 ") ? Integer.parseInt(answer.substring(9, 12)) : 0;
  }

  /** The body of an answer read with {@link #readAll}. */
  static String body(String answer) {
    int i = answer.indexOf("\r\n\r\n");
    return i < 0 ? "" : answer.substring(i + 4);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

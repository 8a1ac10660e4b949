package dev.parley.server.internal;

import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte buffer without the locking of {@code ByteArrayOutputStream}; one thread only. */
final class ByteSink extends OutputStream {
  private byte[] buf;
  private int size;

  ByteSink(int initialCapacity) {
    buf = new byte[initialCapacity];
  }

  @Override
  public void write(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  @Override
  public void write(byte[] b) {
    write(b, 0, b.length);
  }

  int size() {
    return size;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }
}

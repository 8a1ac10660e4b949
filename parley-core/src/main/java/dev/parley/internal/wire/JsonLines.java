package dev.parley.internal.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A streamed batch answer, as tRPC v11's {@code httpBatchStreamLink} reads it (asked for with
 * {@code trpc-accept: application/jsonl}): newline-terminated JSON lines, sent as each call ends.
 *
 * <ul>
 *   <li>The first line, the head, promises each call's answer: {@code {"0":[[0],[null,0,0]],
 *       "1":[[0],[null,0,1]]}}, i.e. for call {@code i} a placeholder value {@code 0} to be
 *       fulfilled by chunk {@code i}.
 *   <li>Each later line fulfils one chunk with its call's envelope: {@code [i,0,[[<envelope>]]]}.
 * </ul>
 *
 * <p>The {@link Reader} also takes a head entry holding its envelope inline ({@code [[<envelope>]]})
 * and a rejected chunk ({@code [i,1,<error shape>]}).
 */
public final class JsonLines {
  /** The media type of the stream, asked for by {@code trpc-accept} or {@code accept}: {@value}. */
  public static final String MEDIA_TYPE = "application/jsonl";
  /** The header with which tRPC clients ask for a stream: {@value}. */
  public static final String ACCEPT_HEADER = "trpc-accept";

  private static final int FULFILLED = 0;
  private static final int REJECTED = 1;

  private JsonLines() {}

  /** The head of a stream of {@code calls} answers, each a placeholder for the chunk of its index. */
  public static byte[] head(int calls) {
    StringBuilder head = new StringBuilder(calls * 24 + 2).append('{');
    for (int i = 0; i < calls; i++) {
      head.append(i == 0 ? "" : ",").append('"').append(i).append("\":[[0],[null,0,")
          .append(i).append("]]");
    }
    return head.append("}\n").toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** The line that fulfils call {@code index} with {@code envelope}. */
  public static byte[] line(int index, byte[] envelope) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(envelope.length + 16);
    out.writeBytes(("[" + index + "," + FULFILLED + ",[[").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(envelope);
    out.writeBytes("]]]\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  /** One call's answer found in a line. */
  public record Answer(int index, Reply reply) {}

  /**
   * Reads a stream line by line for a batch of a known size; one instance per stream, not
   * thread-safe.
   */
  public static final class Reader {
    private final int calls;
    private final int status;
    private final Map<Long, Integer> pending = new HashMap<>();
    private boolean headRead;

    /** A reader of the answers to {@code calls} calls, sent with HTTP {@code status}. */
    public Reader(int calls, int status) {
      this.calls = calls;
      this.status = status;
    }

    /** Whether every call promised by the head has its answer. */
    public boolean done() {
      return headRead && pending.isEmpty();
    }

    /**
     * The answers that {@code line} (the next line, parsed) gives.
     *
     * @throws IllegalArgumentException when the line is not what the format allows here
     */
    public List<Answer> accept(JsonNode line) {
      List<Answer> answers = new ArrayList<>();
      if (!headRead) {
        headRead = true;
        if (!line.isObject()) {
          throw new IllegalArgumentException("the head is not an object");
        }
        for (int i = 0; i < calls; i++) {
          JsonNode value = line.get(Integer.toString(i));
          if (value == null || !value.isArray() || value.isEmpty()) {
            throw new IllegalArgumentException("the head has no answer for call " + i);
          }
          if (value.size() == 2 && value.get(1) instanceof JsonNode def && def.isArray()
              && def.size() == 3 && def.get(0).isNull() && def.get(2).canConvertToLong()) {
            pending.put(def.get(2).longValue(), i);
          } else {
            answers.add(new Answer(i, inline(value)));
          }
        }
        return answers;
      }
      if (!line.isArray() || line.size() != 3 || !line.get(0).canConvertToLong()) {
        throw new IllegalArgumentException("a line is not [chunk, status, value]");
      }
      Integer index = pending.remove(line.get(0).longValue());
      if (index == null) {
        throw new IllegalArgumentException("a line fulfils an unknown chunk " + line.get(0));
      }
      int kind = line.get(1).asInt(-1);
      Reply reply = kind == FULFILLED ? inline(line.get(2))
          : kind == REJECTED ? new Reply.Failure(Envelopes.error(line.get(2), status))
          : new Reply.Unreadable("has a chunk of an unknown kind " + line.get(1));
      answers.add(new Answer(index, reply));
      return answers;
    }

    private Reply inline(JsonNode encoded) {
      if (encoded.isArray() && encoded.size() == 1 && encoded.get(0) instanceof JsonNode slot
          && slot.isArray() && slot.size() == 1) {
        return Envelopes.read(slot.get(0), status);
      }
      return new Reply.Unreadable("has an answer in a form Parley does not read");
    }
  }
}

package dev.parley.internal.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * The topic messages of {@link ParleyMessages}, written by the server and the Java client. Client
 * to server: {@code {"id":"t1","method":"parley.subscribe","params":{"topic":"room","params":{…},
 * "lastEventId":"7"}}} and {@code {"id":"t1","method":"parley.unsubscribe"}}. Server to client:
 * {@code {"id":"t1","method":"parley.subscribed","params":{"params":{…}}}} (the params the
 * subscription got, maybe narrowed) and {@code {"id":"t1","method":"parley.publish","params":
 * {"eventId":"8","message":{…}}}}, whose part after the id is the same for every subscriber.
 */
public final class TopicMessages {
  private static final byte[] OPEN = ascii("{\"id\":");

  private TopicMessages() {}

  /** A subscribe: {@code id} names the subscription, {@code params} is raw JSON or null. */
  public static String subscribe(String id, String topic, byte @Nullable [] params,
      @Nullable String lastEventId) {
    StringBuilder b = new StringBuilder(96).append("{\"id\":").append(quote(id))
        .append(",\"method\":\"").append(ParleyMessages.SUBSCRIBE)
        .append("\",\"params\":{\"topic\":").append(quote(topic));
    if (params != null) {
      b.append(",\"params\":").append(new String(params, StandardCharsets.UTF_8));
    }
    if (lastEventId != null) {
      b.append(",\"lastEventId\":").append(quote(lastEventId));
    }
    return b.append("}}").toString();
  }

  /** The observe of the shared state {@code name}: a subscribe naming a state, not a topic. */
  public static String observe(String id, String name) {
    return "{\"id\":" + quote(id) + ",\"method\":\"" + ParleyMessages.SUBSCRIBE
        + "\",\"params\":{\"state\":" + quote(name) + "}}";
  }

  /** A {@code parley.set} of the state {@code name} to {@code value} (raw JSON). */
  public static String set(String id, String name, byte[] value) {
    return "{\"id\":" + quote(id) + ",\"method\":\"" + ParleyMessages.SET
        + "\",\"params\":{\"state\":" + quote(name) + ",\"value\":"
        + new String(value, StandardCharsets.UTF_8) + "}}";
  }

  /** The answer to the set {@code id} (raw JSON): the state's new version. */
  public static byte[] setAnswer(byte[] id, long version) {
    return cat(OPEN, id, ascii(",\"method\":\"" + ParleyMessages.SET + "\",\"params\":{\"version\":"
        + version + "}}"));
  }

  /** The unsubscribe of the subscription {@code id}. */
  public static String unsubscribe(String id) {
    return "{\"id\":" + quote(id) + ",\"method\":\"" + ParleyMessages.UNSUBSCRIBE + "\"}";
  }

  /** The answer to the subscribe {@code id} (raw JSON), with the params it got (raw JSON). */
  public static byte[] subscribed(byte[] id, byte[] params) {
    return cat(OPEN, id, ascii(",\"method\":\"" + ParleyMessages.SUBSCRIBED
        + "\",\"params\":{\"params\":"), params, ascii("}}"));
  }

  /**
   * What every subscriber's {@code parley.publish} of one message ends with, after its id: the
   * event id (null when the topic keeps none) and the message's JSON.
   */
  public static byte[] tail(@Nullable String eventId, byte[] message) {
    String head = ",\"method\":\"" + ParleyMessages.PUBLISH + "\",\"params\":{"
        + (eventId == null ? "" : "\"eventId\":" + quote(eventId) + ",") + "\"message\":";
    return cat(ascii(head), message, ascii("}}"));
  }

  /** The {@code parley.publish} of {@code tail} to the subscription {@code id} (raw JSON). */
  public static byte[] publish(byte[] id, byte[] tail) {
    return cat(OPEN, id, tail);
  }

  private static byte[] cat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(n);
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static String quote(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsUTF8(s),
        StandardCharsets.UTF_8) + "\"";
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}

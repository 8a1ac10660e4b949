package dev.parley.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/**
 * The "bare Jetty 12 WebSocket" peer of the fan-out benchmark ({@code run.sh ws}): no Parley, only
 * Jetty 12's WebSocket core ({@link WebSocketUpgradeHandler}, a {@link FrameHandler} per
 * connection) on {@link BareJettyServer}'s set-up (virtual threads, 127.0.0.1), speaking just enough
 * of {@code wsLink} for {@code FanoutLoad}: a {@code subscription} to {@code fanout} is answered
 * {@code started} and registered; a {@code mutation} {@code publish} sends every registered
 * subscriber the input as received, tracked by a sequence number, and is then answered; {@code
 * subscription.stop} and the text {@code PING} are answered; the queries {@code followers} and
 * {@code heap} are served over HTTP GET. The part of a value's message common to every subscriber
 * is built once; each subscriber gets its request id spliced in front and one {@code sendFrame}.
 *
 * <p>With {@code coalesce}, publications are queued and one fan-out thread takes all that are
 * waiting: each subscriber gets them in one write (Jetty's batch mode for all but the last frame),
 * then each publication is answered; otherwise the publishing connection's thread fans out each
 * publication on its own, one write per subscriber and value.
 */
public final class BareJettyWsServer {
  /** Every {@code fanout} subscription open now, read by each publication. */
  private static final List<Subscription> SUBSCRIPTIONS = new CopyOnWriteArrayList<>();
  private static final AtomicLong SEQ = new AtomicLong();
  /** Publications waiting for the fan-out thread ({@code coalesce} only). */
  private static final BlockingQueue<Publication> QUEUE = new LinkedBlockingQueue<>();

  private BareJettyWsServer() {}

  /**
   * Serves until the process is stopped.
   *
   * @param args the port (default 8084), then {@code coalesce} to fan out the publications waiting
   *     together
   * @throws Exception if the port cannot be bound
   */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8084;
    boolean coalesce = args.length > 1 && args[1].equals("coalesce");
    if (coalesce) {
      Thread.ofVirtual().name("fan-out").start(BareJettyWsServer::fanOut);
    }
    WebSocketUpgradeHandler upgrades = new WebSocketUpgradeHandler();
    // connections stay open until a side closes them: no server heartbeat here, as in tRPC's ws
    upgrades.getConfiguration().setIdleTimeout(Duration.ZERO);
    upgrades.addMapping("/", WebSocketNegotiator.from((rq, rs, cb) -> new Socket(coalesce),
        (socket, rq, rs) -> (FrameHandler) socket));
    upgrades.setHandler(new Queries());
    var server = BareJettyServer.start(port, upgrades);
    System.out.println("bare Jetty WebSocket fan-out listening on ws://127.0.0.1:" + port + "/"
        + (coalesce ? " (coalescing)" : ""));
    server.join();
  }

  /** A subscription: its connection and the head of its messages, {@code {"id":<request id>}. */
  private record Subscription(CoreSession session, String id, byte[] head) {}

  /** A publication: the common part of its messages, and the mutation to answer once it is sent. */
  private record Publication(byte[] tail, CoreSession control, String id) {}

  /** One connection: whole text frames are messages (no fragmented messages expected). */
  private static final class Socket implements FrameHandler {
    private final List<Subscription> mine = new ArrayList<>();
    private final boolean coalesce;
    private volatile CoreSession session;

    Socket(boolean coalesce) {
      this.coalesce = coalesce;
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
      session = coreSession;
      callback.succeeded();
      coreSession.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
      CoreSession s = session;
      switch (frame.getOpCode()) {
        case OpCode.TEXT -> {
          String text = BufferUtil.toUTF8String(frame.getPayload());
          callback.succeeded();
          if (!frame.isFin()) {
            s.close(CloseStatus.POLICY_VIOLATION, "fragmented messages unsupported", Callback.NOOP);
            return;
          }
          onMessage(s, text);
        }
        case OpCode.PING -> {
          ByteBuffer payload = BufferUtil.copy(frame.getPayload());
          callback.succeeded();
          s.sendFrame(new Frame(OpCode.PONG).setPayload(payload), Callback.NOOP, false);
        }
        case OpCode.CLOSE -> {
          callback.succeeded();
          return; // the core answers it and closes
        }
        default -> callback.succeeded();
      }
      s.demand();
    }

    private void onMessage(CoreSession s, String text) {
      if (text.equals("PING")) {
        send(s, ascii("PONG"));
        return;
      }
      Map<String, String> message = fields(text);
      Map<String, String> params = fields(message.getOrDefault("params", "{}"));
      String id = message.getOrDefault("id", "null");
      String method = message.getOrDefault("method", "");
      String path = params.getOrDefault("path", "");
      if (method.equals("\"subscription\"") && path.equals("\"fanout\"")) {
        Subscription sub = new Subscription(s, id, ascii("{\"id\":" + id));
        send(s, ascii("{\"id\":" + id + ",\"result\":{\"type\":\"started\"}}"));
        synchronized (mine) {
          mine.add(sub);
        }
        SUBSCRIPTIONS.add(sub);
      } else if (method.equals("\"subscription.stop\"")) {
        synchronized (mine) {
          mine.removeIf(sub -> sub.id.equals(id) && SUBSCRIPTIONS.remove(sub));
        }
        send(s, ascii("{\"id\":" + id + ",\"result\":{\"type\":\"stopped\"}}"));
      } else if (method.equals("\"mutation\"") && path.equals("\"publish\"")
          && params.containsKey("input")) {
        Publication p = new Publication(tail(params.get("input")), s, id);
        if (coalesce) {
          QUEUE.add(p);
        } else {
          fanOut(List.of(p));
        }
      } else {
        send(s, ascii("{\"id\":" + id
            + ",\"error\":{\"message\":\"No such procedure\",\"code\":-32004}}"));
      }
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
      callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
      synchronized (mine) {
        SUBSCRIPTIONS.removeAll(mine);
        mine.clear();
      }
      callback.succeeded();
    }
  }

  /** The part after the request id of every message of the next value, {@code input} raw JSON. */
  private static byte[] tail(String input) {
    String seq = Long.toString(SEQ.incrementAndGet());
    return ascii(",\"result\":{\"type\":\"data\",\"id\":\"" + seq + "\",\"data\":{\"id\":\""
        + seq + "\",\"data\":" + input + "}}}");
  }

  /** The fan-out thread ({@code coalesce}): all publications waiting, together, until stopped. */
  private static void fanOut() {
    List<Publication> batch = new ArrayList<>();
    try {
      while (true) {
        batch.add(QUEUE.take());
        QUEUE.drainTo(batch);
        fanOut(batch);
        batch.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sends {@code batch} to every subscription, in one write each, then answers the mutations. */
  private static void fanOut(List<Publication> batch) {
    int last = batch.size() - 1;
    for (Subscription sub : SUBSCRIPTIONS) {
      byte[] head = sub.head;
      for (int i = 0; i <= last; i++) {
        byte[] tail = batch.get(i).tail;
        byte[] message = new byte[head.length + tail.length];
        System.arraycopy(head, 0, message, 0, head.length);
        System.arraycopy(tail, 0, message, head.length, tail.length);
        sub.session.sendFrame(new Frame(OpCode.TEXT).setPayload(ByteBuffer.wrap(message)),
            Callback.NOOP, i < last);
      }
    }
    for (Publication p : batch) {
      send(p.control, ascii("{\"id\":" + p.id + ",\"result\":{\"type\":\"data\"}}"));
    }
  }

  private static void send(CoreSession s, byte[] utf8) {
    s.sendFrame(new Frame(OpCode.TEXT).setPayload(ByteBuffer.wrap(utf8)), Callback.NOOP, false);
  }

  /** The GET queries {@code /followers} and {@code /heap}, as tRPC answers them over HTTP. */
  private static final class Queries extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String path = Request.getPathInContext(request);
      long data;
      if (path.equals("/followers")) {
        data = SUBSCRIPTIONS.size();
      } else if (path.equals("/heap")) {
        data = FanoutServer.heapAfterGc();
      } else {
        Response.writeError(request, response, callback, 404);
        return true;
      }
      response.setStatus(200);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.write(true, ByteBuffer.wrap(ascii("{\"result\":{\"data\":" + data + "}}")), callback);
      return true;
    }
  }

  /**
   * The members of the JSON object {@code json}, each value as its raw JSON text ({@code "a"} with
   * its quotes); just enough for well-formed {@code wsLink} requests.
   */
  private static Map<String, String> fields(String json) {
    Map<String, String> out = new HashMap<>();
    int i = skip(json, json.indexOf('{') + 1);
    while (i > 0 && i < json.length() && json.charAt(i) == '"') {
      int keyEnd = end(json, i);
      String key = json.substring(i + 1, keyEnd - 1);
      int from = skip(json, skip(json, keyEnd) + 1); // past the colon
      int to = end(json, from);
      out.put(key, json.substring(from, to));
      i = skip(json, to);
      i = i < json.length() && json.charAt(i) == ',' ? skip(json, i + 1) : -1;
    }
    return out;
  }

  /** The index after the JSON value starting at {@code from}. */
  private static int end(String json, int from) {
    int depth = 0;
    boolean string = false;
    for (int i = from; i < json.length(); i++) {
      char c = json.charAt(i);
      if (string) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          string = false;
          if (depth == 0) {
            return i + 1;
          }
        }
      } else if (c == '"') {
        string = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (--depth <= 0) {
          return depth == 0 ? i + 1 : i;
        }
      } else if (depth == 0 && (c == ',' || Character.isWhitespace(c))) {
        return i;
      }
    }
    return json.length();
  }

  private static int skip(String json, int i) {
    while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
      i++;
    }
    return i;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}

package dev.parley.server.internal.socket;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.internal.wire.SocketClose;
import dev.parley.internal.wire.SocketMessages;
import dev.parley.server.Identity;
import dev.parley.server.ParleyRequest;
import dev.parley.server.SocketOut;
import dev.parley.server.SocketSession;
import dev.parley.server.Transport;
import dev.parley.server.internal.Caller;
import dev.parley.server.internal.Failures;
import dev.parley.server.internal.Heartbeats;
import dev.parley.server.internal.Invocation;
import dev.parley.server.internal.Pipeline;
import dev.parley.server.internal.Realtime;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One WebSocket connection: its caller (authenticated on opening, or from its first message when
 * its URL announced {@code connectionParams}), its live calls by id, its bounded outbound queue,
 * its frame rate and its heartbeat; torn down once, whatever ends it. Each frame is read on the
 * transport's thread; each call runs on a virtual thread of its own.
 */
final class SocketConnection implements SocketSession {
  private static final ThreadFactory CALLS = Thread.ofVirtual().name("parley-call").factory();
  private static final byte[] PONG = SocketMessages.PONG.getBytes(StandardCharsets.US_ASCII);

  private enum State { AWAITING_PARAMS, OPEN, DRAINING, CLOSED }

  private final Sockets sockets;
  private final Pipeline pipeline;
  private final ParleyRequest upgrade;
  private final SocketOut out;
  private final Outbox outbox;
  private final FrameRate rate;
  private final Watcher watcher;
  private final ParleyControl control;
  private final Peer peer;
  private final ChannelControl channels;
  private final TopicControl topics;
  private final Map<String, SocketCall> live = new HashMap<>();
  private volatile State state = State.OPEN;
  private @Nullable Caller caller;
  private boolean disposed;
  private volatile @Nullable Ending ending;
  private volatile boolean noticeQueued;
  private int unsettled; // calls whose last message is not queued yet
  private volatile long heardAt = System.nanoTime();
  private volatile long pingedAt;
  private volatile boolean pinged;
  private volatile Heartbeats.Beat beat = () -> {};
  private volatile Heartbeats.Beat drop = () -> {};

  SocketConnection(Sockets sockets, ParleyRequest upgrade, SocketOut out) {
    this.sockets = sockets;
    this.pipeline = sockets.pipeline();
    this.upgrade = upgrade;
    this.out = out;
    var options = pipeline.options();
    this.watcher = sockets.watcher();
    Deliveries deliveries = new Deliveries(watcher);
    this.outbox = new Outbox(out, options.socketQueueBytes(),
        options.socketStallTimeout().toNanos(), deliveries,
        () -> close(SocketClose.SLOW_READER, "Outbound queue full for "
            + options.socketStallTimeout().toMillis() + " ms", false),
        () -> onClose(1006));
    this.peer = new Peer(sockets.peers(), outbox, deliveries, (id, e) -> refuse(id, e, null));
    this.rate = new FrameRate(options.socketFramesPerSecond());
    this.watcher.start(outbox::put);
    Host host = new Host();
    this.channels = sockets.channels().control(host, options.socketMaxChannels(),
        watcher::greeted);
    this.topics = sockets.topics().control(host, options.socketMaxTopics(), watcher::greeted);
    this.control = new ParleyControl(watcher, options, host, channels, topics);
  }

  /** Starts the heartbeat and authenticates, unless {@code connectionParams} come first. */
  void start() {
    beat = pipeline.heartbeats().every(pipeline.options().keepAlive(), this::beat);
    if (SocketMessages.announcesConnectionParams(upgrade.query())) {
      state = State.AWAITING_PARAMS;
    } else {
      authenticate(upgrade);
    }
  }

  Outbox outbox() {
    return outbox;
  }

  Replies replies() {
    return sockets.replies();
  }

  /** The bytes in its outbound queue now. */
  long queuedBytes() {
    return outbox.bytes();
  }

  @Override
  public void onText(String text) {
    heardAt = System.nanoTime();
    if (state == State.CLOSED || !admitted()) {
      return;
    }
    int max = pipeline.options().socketMaxFrameBytes();
    if (text.length() > max || (text.length() > max / 3 && utf8Length(text) > max)) {
      close(SocketClose.TOO_BIG, "Message larger than " + max + " bytes", true);
      return;
    }
    if (text.equals(SocketMessages.PING)) {
      put(PONG);
      return;
    }
    if (text.equals(SocketMessages.PONG)) {
      return;
    }
    JsonNode frame;
    try {
      frame = sockets.frames().parse(text, "message");
    } catch (ParleyException e) {
      refuse(Message.NO_ID, e, null);
      return;
    }
    if (frame.isMissingNode()) {
      refuse(Message.NO_ID, new ParleyException(ErrorCode.PARSE_ERROR, "message is empty"), null);
      return;
    }
    if (state == State.AWAITING_PARAMS) {
      connectionParams(frame);
      return;
    }
    for (JsonNode node : SocketMessages.messages(frame)) {
      handle(Message.read(node, pipeline.codec()));
    }
  }

  @Override
  public void onBinary() {
    heardAt = System.nanoTime();
    if (state != State.CLOSED && admitted()) {
      close(SocketClose.BINARY, "Binary messages are not supported", true);
    }
  }

  @Override
  public void onPong() {
    heardAt = System.nanoTime();
  }

  @Override
  public void onClose(int code) {
    List<SocketCall> calls;
    synchronized (this) {
      state = State.CLOSED;
      if (disposed) {
        return;
      }
      disposed = true;
      calls = new ArrayList<>(live.values());
      live.clear();
    }
    calls.forEach(SocketCall::silence);
    peer.end();
    watcher.clear();
    channels.closed();
    topics.closed();
    beat.cancel();
    drop.cancel();
    outbox.dispose();
    sockets.closed(this);
  }

  /**
   * Ends the connection: every live call is cancelled without a last message, and the connection
   * is closed with {@code code}, after the messages queued when {@code graceful}, else at once; a
   * peer that does not take the close frame within the stall timeout is dropped.
   */
  void close(int code, String reason, boolean graceful) {
    List<SocketCall> calls;
    synchronized (this) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      calls = new ArrayList<>(live.values());
      live.clear();
    }
    Failures.LOG.debug("closing a WebSocket connection from {}: {} {}", upgrade.remoteAddress(),
        code, reason);
    calls.forEach(SocketCall::silence);
    peer.end();
    beat.cancel();
    if (graceful) {
      outbox.finish(code, reason);
    } else {
      outbox.closeNow(code, reason);
    }
    drop = pipeline.heartbeats().after(pipeline.options().socketStallTimeout(), this::drop);
  }

  /** Drops the connection without a closing handshake, and tears it down. */
  void drop() {
    out.abort();
    onClose(1006);
  }

  /**
   * The server shuts down: its subscriptions end at once without a message (the client
   * resubscribes elsewhere), new requests are refused, the client is asked to reconnect, and the
   * connection closes with {@code 1012} once the queries and mutations in flight are answered.
   * Returns at once: the request to reconnect is queued on a virtual thread of its own.
   */
  void drain() {
    windDown(new Ending(SocketClose.RESTART, "Server is restarting", SocketMessages.reconnect(),
        Failures.shuttingDown(), true));
  }

  /**
   * The caller's access was revoked, when {@code revoked} matches it: new requests are refused
   * {@code UNAUTHORIZED}, and the connection closes with {@code 1008} once its calls in flight
   * (its subscriptions, which the pipeline ends {@code UNAUTHORIZED}) are answered; its client
   * must authenticate again.
   *
   * @return whether it matched
   */
  boolean revokeIf(java.util.function.Predicate<Identity<?>> revoked) {
    Caller who;
    synchronized (this) {
      who = caller;
    }
    if (who == null || !revoked.test(who.identity())) {
      return false;
    }
    windDown(new Ending(SocketClose.POLICY, "Access revoked", null, new ParleyException(
        ErrorCode.UNAUTHORIZED, "The caller's access was revoked"), false));
    return true;
  }

  private void windDown(Ending how) {
    List<SocketCall> subscriptions = new ArrayList<>();
    synchronized (this) {
      if (state == State.CLOSED || state == State.DRAINING) {
        return;
      }
      state = State.DRAINING;
      ending = how;
      for (SocketCall c : live.values()) {
        if (how.silenceSubscriptions() && c.isSubscription()) {
          subscriptions.add(c);
        }
      }
    }
    subscriptions.forEach(SocketCall::silence);
    byte[] notice = how.notice();
    if (notice == null) {
      noticeQueued = true;
      settled();
      return;
    }
    Thread.ofVirtual().name("parley-socket-drain").start(() -> {
      put(notice);
      noticeQueued = true;
      settled();
    });
  }

  /**
   * How a winding-down connection ends.
   *
   * @param notice the message sent first, or null
   * @param refusal the answer to requests from now on
   */
  private record Ending(int code, String reason, byte @Nullable [] notice,
      ParleyException refusal, boolean silenceSubscriptions) {}

  /** Takes {@code call} off the live calls: its id may be used again. */
  synchronized void release(SocketCall call) {
    live.remove(call.key(), call);
  }

  /** A call's last message was queued: a winding-down connection closes after its last. */
  void settled(SocketCall call) {
    synchronized (this) {
      unsettled--;
    }
    settled();
  }

  /** Closes a winding-down connection once its notice and every call's last message are queued. */
  private void settled() {
    boolean done;
    synchronized (this) {
      done = state == State.DRAINING && noticeQueued && unsettled == 0;
    }
    Ending how = ending;
    if (done && how != null) {
      close(how.code(), how.reason(), true);
    }
  }

  private boolean admitted() {
    if (rate.admit()) {
      return true;
    }
    close(SocketClose.POLICY, "More than " + pipeline.options().socketFramesPerSecond()
        + " messages a second", true);
    return false;
  }

  private void handle(Message message) {
    switch (message) {
      case Message.Refused r -> refuse(r.id(), r.error(), r.path());
      case Message.Stop s -> {
        SocketCall call;
        synchronized (this) {
          call = live.get(s.key());
        }
        if (call != null && call.isSubscription()) {
          call.stop();
        }
      }
      case Message.Call c -> start(c);
      case Message.Parley p -> {
        if (state == State.OPEN && !peer.handle(p)) {
          control.handle(p);
        }
      }
    }
  }

  private void start(Message.Call request) {
    SocketCall call = null;
    ParleyException refusal = null;
    Caller who;
    synchronized (this) {
      who = caller;
      if (state == State.CLOSED || who == null) {
        return;
      }
      Ending how = ending;
      if (state == State.DRAINING && how != null) {
        refusal = how.refusal();
      } else if (live.containsKey(request.key())) {
        refusal = new ParleyException(ErrorCode.BAD_REQUEST, "Duplicate id " + request.key()
            + ": a call with this id is still live on this connection");
      } else if (live.size() >= pipeline.options().socketMaxCalls()) {
        refusal = new ParleyException(ErrorCode.TOO_MANY_REQUESTS, "More than "
            + pipeline.options().socketMaxCalls() + " calls live on this connection");
      } else {
        call = new SocketCall(this, request, pipeline.values(request.path()));
        live.put(request.key(), call);
        unsettled++;
      }
    }
    if (refusal != null) {
      refuse(request.id(), refusal, request.path());
      pipeline.refused(request.path(), who, refusal);
      return;
    }
    SocketCall running = Objects.requireNonNull(call);
    Invocation invocation = running.invocation(pipeline, who);
    CALLS.newThread(() -> pipeline.run(invocation, running::answered)).start();
  }


  private void connectionParams(JsonNode frame) {
    Map<String, String> params;
    try {
      params = SocketMessages.connectionParams(frame);
    } catch (IllegalArgumentException e) {
      refuse(Message.NO_ID, new ParleyException(ErrorCode.BAD_REQUEST, e.getMessage()), null);
      close(SocketClose.POLICY, "connectionParams must come first", true);
      return;
    }
    authenticate(upgrade.withConnectionParams(params));
  }

  private void authenticate(ParleyRequest request) {
    Identity<?> identity;
    try {
      identity = Objects.requireNonNull(sockets.authenticator().authenticate(request),
          "the authenticator returned null");
    } catch (Exception e) {
      ParleyException error = Failures.of(e, "authenticator");
      refuse(Message.NO_ID, error, null);
      close(error.code().httpStatus() < 500 ? SocketClose.POLICY : SocketClose.INTERNAL,
          "Authentication failed", true);
      return;
    }
    synchronized (this) {
      caller = pipeline.caller(identity, Transport.WEBSOCKET, request);
      watcher.origin(caller);
      peer.caller(caller);
      if (state == State.AWAITING_PARAMS) {
        state = State.OPEN;
      }
    }
  }

  private void beat() {
    if (state == State.CLOSED) {
      return;
    }
    if (pinged && heardAt - pingedAt < 0) {
      close(SocketClose.GONE, "No answer to ping", true);
      return;
    }
    pingedAt = System.nanoTime();
    pinged = true;
    out.ping();
  }

  private void refuse(byte[] id, ParleyException error, @Nullable String path) {
    put(replies().error(id, error, path));
  }

  private void put(byte[] message) {
    try {
      outbox.put(message);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What {@link ParleyControl} and {@link ChannelControl} need of this connection. */
  private final class Host implements ChannelControl.Host {
    @Override
    public void refuse(byte[] id, ParleyException error) {
      SocketConnection.this.refuse(id, error, null);
    }

    @Override
    public void put(byte[] message) {
      SocketConnection.this.put(message);
    }

    @Override
    public @Nullable Caller caller() {
      synchronized (SocketConnection.this) {
        return caller;
      }
    }

    @Override
    public Realtime realtime() {
      return pipeline.realtime();
    }

    @Override
    public boolean offer(byte[] frame) {
      return outbox.offer(frame);
    }

    @Override
    public void slow(String reason) {
      if (!outbox.isClosed()) {
        close(SocketClose.SLOW_READER, reason, false);
      }
    }

    @Override
    public void greeted() {
      peer.greeted();
    }

    @Override
    public void arrays() {
      outbox.arrays();
    }
  }

  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}

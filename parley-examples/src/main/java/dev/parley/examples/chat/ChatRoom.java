package dev.parley.examples.chat;

import dev.parley.examples.chat.ChatApi.Message;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The demo's chat, in memory: the last {@value #KEPT} messages, thread-safe. */
public final class ChatRoom {
  /** How many messages are kept; older ones are dropped: {@value}. */
  public static final int KEPT = 200;

  private final Deque<Message> messages = new ArrayDeque<>();
  private long lastId;

  /** Adds a message by {@code author} of {@code role} and returns it. */
  public synchronized Message post(String author, String role, String text) {
    Message m = new Message(++lastId, author, role, text);
    messages.addLast(m);
    if (messages.size() > KEPT) {
      messages.removeFirst();
    }
    return m;
  }

  /** The messages kept, oldest first. */
  public synchronized List<Message> all() {
    return List.copyOf(messages);
  }
}

package dev.parley.server.internal.socket;

import dev.parley.server.Connection;
import dev.parley.server.Room;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A room of one server node: its members, each of which knows its rooms to leave them at its end. */
final class LocalRoom implements Room {
  private final String name;
  private final Set<Peer> members = ConcurrentHashMap.newKeySet();

  LocalRoom(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean join(Connection<?> connection) {
    if (!(connection instanceof Peer p) || !p.joined(this)) {
      return false;
    }
    members.add(p);
    if (!p.isOpen()) { // it ended meanwhile, and may not have seen this room yet
      members.remove(p);
      return false;
    }
    return true;
  }

  @Override
  public boolean leave(Connection<?> connection) {
    if (!(connection instanceof Peer p)) {
      return false;
    }
    p.left(this);
    return members.remove(p);
  }

  @Override
  public boolean contains(Connection<?> connection) {
    return connection instanceof Peer p && members.contains(p);
  }

  @Override
  public Set<Connection<?>> members() {
    return Set.copyOf(members);
  }

  @Override
  public int size() {
    return members.size();
  }

  /** {@code peer} ended: it is no member any more. */
  void forget(Peer peer) {
    members.remove(peer);
  }

  @Override
  public String toString() {
    return "Room[" + name + ", " + members.size() + " members]";
  }
}

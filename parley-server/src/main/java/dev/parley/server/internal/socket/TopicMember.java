package dev.parley.server.internal.socket;

import java.nio.charset.StandardCharsets;

/**
 * One topic subscription of a WebSocket connection: its id (as the client sent it, raw JSON),
 * its topic's name, its feed, and the narrowed params' JSON sent in its answer.
 */
final class TopicMember {
  final byte[] id;
  final String idKey;
  final String topic;
  final Feed feed;
  final byte[] params;
  final TopicControl holder;

  TopicMember(byte[] id, String topic, Feed feed, byte[] params, TopicControl holder) {
    this.id = id;
    this.idKey = new String(id, StandardCharsets.UTF_8);
    this.topic = topic;
    this.feed = feed;
    this.params = params;
    this.holder = holder;
  }
}

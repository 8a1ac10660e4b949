package dev.parley.server;

/**
 * What became of one server event ({@link ParleyServer#emit}): how many connections it was meant
 * for, and for how many of them it went out or was dropped.
 *
 * @param recipients the open connections of the event's role that the recipients named
 * @param sent for {@link ParleyServer#emit}, the connections it was queued on; for {@link
 *     ParleyServer#emitAndWait}, those whose transport wrote it
 * @param dropped the connections it did not reach: their outbound queue was full (a slow
 *     reader), or they ended before it was written; {@code recipients - sent}
 */
public record Delivery(int recipients, int sent, int dropped) {}

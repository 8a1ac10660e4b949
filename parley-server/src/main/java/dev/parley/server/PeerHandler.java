package dev.parley.server;

/**
 * Handles a {@link dev.parley.PeerMessage} that another node told ({@link ParleyServer#onPeer}).
 *
 * @param <P> the payload type
 */
@FunctionalInterface
public interface PeerHandler<P> {

  /**
   * Handles one message, on a virtual thread of its own; what it throws is logged.
   *
   * @param payload the payload, valid by the message's schema
   * @param fromNode the {@link ParleyServer#nodeId() id} of the node that told it
   */
  void handle(P payload, String fromNode) throws Exception;
}

package dev.parley.server;

/**
 * The WebSocket connections of a {@link ParleyServer} at one moment, for monitoring: see {@link
 * ParleyServer#socketStats()}.
 *
 * @param open the connections open now
 * @param queuedBytes the bytes waiting in their outbound queues now, the messages being written
 *     included
 * @param peakQueuedBytes the most bytes any one connection's queue has held since the server
 *     started; at most {@link ServerOptions#socketQueueBytes()}, unless a single message was larger
 * @param topicParamsKept the params of all topics whose latest messages are kept now for clients to
 *     resume (see {@link TopicImplementation#replay(int, int)})
 */
public record SocketStats(int open, long queuedBytes, long peakQueuedBytes,
    int topicParamsKept) {}

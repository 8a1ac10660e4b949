package dev.parley.server.internal;

import dev.parley.ParleyException;
import dev.parley.server.Result;
import org.jspecify.annotations.Nullable;

/** One call's answer, as the pipeline hands it to its transport. */
public sealed interface Answer {

  /** The name the call was made with. */
  String name();

  /**
   * A success: the route and the result of its chain, and the server's invalidation sequence when
   * its handler started (-1 when unknown).
   */
  record Success(String name, Route route, Result result, long seq) implements Answer {
    /** A success without a sequence. */
    public Success(String name, Route route, Result result) {
      this(name, route, result, -1);
    }

    /** The {@code seq} its answer carries: a query's with resources only; -1 for none. */
    public long wireSeq() {
      return route.isMutation() || result.resources().isEmpty() ? -1 : seq;
    }
  }

  /** A failure; {@code route} is null when the name was not routed. */
  record Failure(String name, @Nullable Route route, ParleyException error) implements Answer {}
}

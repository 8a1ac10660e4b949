package dev.parley.server.internal;

import dev.parley.ParleyException;
import dev.parley.server.Result;
import org.jspecify.annotations.Nullable;

/** One call's answer, as the pipeline hands it to its transport. */
public sealed interface Answer {

  /** The name the call was made with. */
  String name();

  /** A success: the route and the result of its chain. */
  record Success(String name, Route route, Result result) implements Answer {}

  /** A failure; {@code route} is null when the name was not routed. */
  record Failure(String name, @Nullable Route route, ParleyException error) implements Answer {}
}

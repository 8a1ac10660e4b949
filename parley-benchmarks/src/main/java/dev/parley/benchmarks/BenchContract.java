package dev.parley.benchmarks;

import dev.parley.Contract;
import dev.parley.Mutation;
import dev.parley.Parley;
import dev.parley.Query;
import dev.parley.Shared;

/** The contract that the benchmarks serve and call: {@code echo}, {@code add}, {@code sum.add} and {@code echo.cacheable}. */
public final class BenchContract {
  private BenchContract() {}

  /** Returns its input; the load benchmark's main row. */
  public static final Query<Shared, Echo, Echo> ECHO =
      Parley.query("echo").input(Echo.class).output(Echo.class);

  /** Adds two numbers, as a query ({@code GET /add?input={"a":1,"b":2}}). */
  public static final Query<Shared, Operands, Sum> ADD =
      Parley.query("add").input(Operands.class).output(Sum.class);

  /** Adds two numbers, as a mutation ({@code POST /sum.add} with {@code {"a":1,"b":2}}). */
  public static final Mutation<Shared, Operands, Sum> ADD_MUTATION =
      Parley.mutation("sum.add").input(Operands.class).output(Sum.class);

  /** {@link #ECHO}, cacheable: its GET answer carries an ETag, and a matching If-None-Match is 304. */
  public static final Query<Shared, Echo, Echo> ECHO_CACHEABLE =
      Parley.query("echo.cacheable").input(Echo.class).output(Echo.class).cacheable();

  /** All of the above. */
  public static final Contract CONTRACT = Contract.of(ECHO, ADD, ADD_MUTATION, ECHO_CACHEABLE);
}

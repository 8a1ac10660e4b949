/**
 * The todo demo: the todo example of Covenant RPC's seed served by Parley. {@link
 * dev.parley.examples.todos.TodoApi} is the contract, {@link dev.parley.examples.todos.TodoServer}
 * implements it over an in-memory {@link dev.parley.examples.todos.TodoStore}, and {@link
 * dev.parley.examples.todos.TodoDemo} serves it, with a web page, over Jetty.
 */
@NullMarked
package dev.parley.examples.todos;

import org.jspecify.annotations.NullMarked;

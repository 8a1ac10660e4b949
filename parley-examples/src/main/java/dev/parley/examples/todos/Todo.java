package dev.parley.examples.todos;

import java.time.Instant;

/**
 * One todo as the server returns it.
 *
 * @param id the store's identifier, unique for the life of the store (e.g. {@code "3"})
 * @param text what there is to do, 1 to 200 characters
 * @param createdAt when it was added, to the millisecond
 */
public record Todo(String id, String text, Instant createdAt) {}

/**
 * The chat of the live demo: super-line's {@code user} and {@code agent} roles, with {@code say} for
 * users, {@code announce} for agents and {@code messages} for everyone, behind bearer tokens; and
 * the rooms of {@code chat.send} and {@code chat.onMessage}, a resumable subscription, for everyone.
 */
@NullMarked
package dev.parley.examples.chat;

import org.jspecify.annotations.NullMarked;

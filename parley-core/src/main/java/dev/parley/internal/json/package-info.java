/**
 * Internal to Parley: the strict JSON codec every module shares (Jackson 3). Not for users.
 */
@NullMarked
package dev.parley.internal.json;

import org.jspecify.annotations.NullMarked;

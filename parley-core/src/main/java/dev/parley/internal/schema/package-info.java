/** Internal to Parley: the schemas derived from Java types. Not for users. */
@NullMarked
package dev.parley.internal.schema;

import org.jspecify.annotations.NullMarked;

/**
 * Internal to Parley: not for users, may change or disappear in any release.
 */
@NullMarked
package dev.parley.internal;

import org.jspecify.annotations.NullMarked;
